import { render } from 'preact';
import { Options } from '../../ui/options/Options';
import { createSettingsStore } from '../../ext/settings-store';

render(<Options store={createSettingsStore()} />, document.getElementById('app')!);
