import type { PropsWithChildren } from 'react';
import './app.scss';

// Pages decide for themselves where to go (pages/index restores the session); the app shell only
// renders them.
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
