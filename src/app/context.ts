// How components reach the controller (and through it the store and page model).

import { createContext, useContext } from 'react';
import type { AppController } from './controller';

export const AppContext = createContext<AppController | null>(null);

export function useController(): AppController {
  const c = useContext(AppContext);
  if (!c) throw new Error('useController outside <AppContext.Provider>');
  return c;
}
