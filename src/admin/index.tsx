/**
 * Internal dependencies
 */
import { mountById } from '../lib/mount';
import { AdminApp } from './components/admin-app';
import './index.scss';

/** Id of the container Admin\Admin_Page renders below the <h1>. */
export const ROOT_ID = 'aifo-admin-root';

mountById( <AdminApp />, ROOT_ID );
