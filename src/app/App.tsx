// The layout of the screen and nothing else: header with controls and status, the
// console and memory map on the left, CPU, narration, timeline and devices on the right.

import { Controls } from '../features/controls/Controls';
import { Console } from '../features/console/Console';
import { CpuPanel } from '../features/cpu/CpuPanel';
import { DevicesPanel } from '../features/devices/DevicesPanel';
import { Narration } from '../features/narration/Narration';
import { Timeline } from '../features/timeline/Timeline';
import { DowntimeChart } from '../features/scenarios/DowntimeChart';
import { ScenarioBar } from '../features/scenarios/ScenarioBar';
import { MemoryMapSlot } from './MemoryMapSlot';
import { StatusBanner } from './StatusBanner';
import { AppContext } from './context';
import type { AppController } from './controller';
import { useKeyboard } from './use-keyboard';
import './app.css';

export function App({ controller }: { controller: AppController }) {
  useKeyboard(controller);
  return (
    <AppContext.Provider value={controller}>
      <div className="app">
        <header className="app-header">
          <h1>
            kexec-lab <span className="subtitle">watch one kernel overwrite itself with another</span>
          </h1>
          <Controls />
          <StatusBanner />
          <ScenarioBar />
        </header>
        <main className="app-main">
          <div className="col-left">
            <Console />
            <MemoryMapSlot />
          </div>
          <div className="col-right">
            <div className="col-right-scroll">
              <DowntimeChart />
              <Narration />
              <CpuPanel />
              <Timeline />
              <DevicesPanel />
            </div>
          </div>
        </main>
      </div>
    </AppContext.Provider>
  );
}
