/**
 * Internal dependencies
 */
import { mountById } from '../lib/mount';
import { DiagnosticsApp } from './components/diagnostics-app';
import './index.scss';

/** Id of the container Admin\Diagnostics_Page renders below the <h1>. */
export const ROOT_ID = 'aifo-diagnostics-root';

mountById( <DiagnosticsApp />, ROOT_ID );
