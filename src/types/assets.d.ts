// TypeScript 6 checks side-effect imports: declare stylesheet modules so that
// `import './style.scss'` type-checks (webpack extracts them to CSS files).
declare module '*.css';
declare module '*.scss';
