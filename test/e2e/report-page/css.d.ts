/**
 * Vite bundles CSS imports. The Node type check (tsconfig.node.json, which has no vite/client types) reaches
 * components that import their own CSS through this test page, so it is told a .css import has no exports.
 */
declare module '*.css';
