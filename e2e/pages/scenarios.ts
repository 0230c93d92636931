// Page object for the scenarios feature: the scenario strip, the gallery, the editor and
// presenter mode. Roles first, test ids second.

import { expect, type Locator, type Page } from '@playwright/test';

export class ScenarioBarPanel {
  readonly region: Locator;
  readonly toolbar: Locator;
  readonly gallery: Locator;
  readonly editor: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Scenario' });
    this.toolbar = page.getByRole('toolbar', { name: 'Scenario commands' });
    this.gallery = page.getByRole('dialog', { name: 'Scenarios' });
    this.editor = page.getByRole('dialog', { name: 'Edit scenario' });
  }

  button(name: string | RegExp): Locator {
    return this.toolbar.getByRole('button', { name });
  }
  title(): Locator {
    return this.page.getByTestId('scenario-title');
  }
  caption(): Locator {
    return this.page.getByTestId('scenario-caption');
  }
  runner(): Locator {
    return this.page.getByTestId('scenario-runner');
  }
  notice(): Locator {
    return this.page.getByTestId('scenario-notice');
  }
  verdict(): Locator {
    return this.page.getByTestId('replay-verdict');
  }
  shareLink(): Locator {
    return this.page.getByRole('textbox', { name: 'Share link' });
  }
  remedies(): Locator {
    return this.page.getByRole('group', { name: /Remedies/ });
  }

  /** Open the gallery and pick a scenario by its title. */
  async pick(title: string | RegExp): Promise<void> {
    await this.button(/^Scenarios/).click();
    await expect(this.gallery).toBeVisible();
    await this.gallery.getByRole('button', { name: title }).click();
    await expect(this.gallery).toBeHidden();
    await expect(this.title()).toHaveText(title);
  }

  /** Wait until the script stops at its pauseAt step, then continue it. */
  async continueAt(phase: string, timeout = 150_000): Promise<void> {
    await expect(this.runner()).toContainText(`paused at ${phase}`, { timeout });
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }

  async share(): Promise<string> {
    await this.button('Share').click();
    await expect(this.shareLink()).toBeVisible();
    return this.shareLink().inputValue();
  }
}
