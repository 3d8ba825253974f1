import { render } from 'preact';

render(<main>Portolan settings</main>, document.getElementById('app')!);
