import type { PropsWithChildren } from 'react';
import { applyTextScale, readTextScale } from './lib/text-scale';
import './app.scss';

// The user's text size (WeChat's font setting) is read once at start; see lib/text-scale.ts.
applyTextScale(readTextScale());

// Pages decide for themselves where to go (pages/index restores the session); the app shell only
// renders them.
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
