/**
 * Internal dependencies
 */
import { mountById } from '../lib/mount';
import { SettingsScreen } from './components/settings-screen';
import './index.scss';

/** Id of the container Admin\Settings_Page renders below the <h1>. */
export const ROOT_ID = 'aifo-admin-root';

mountById( <SettingsScreen />, ROOT_ID );
