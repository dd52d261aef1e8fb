/**
 * Internal dependencies
 */
import { mountById } from '../lib/mount';
import { QueueScreen } from './components/queue-screen';
import './index.scss';

/** Id of the container Admin\Queue_Page renders below the <h1>. */
export const ROOT_ID = 'aifo-queue-root';

mountById( <QueueScreen />, ROOT_ID );
