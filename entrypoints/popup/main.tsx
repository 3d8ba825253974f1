import { render } from 'preact';

render(<main>Portolan</main>, document.getElementById('app')!);
