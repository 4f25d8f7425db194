/**
 * The results layer, pure and deterministic: participation (with small-count suppression), traceability,
 * results under a named counting rule, and the CSV, JSON and pabulib `.pb` exports. Each module opens with its
 * rules and tie-breaks; docs/exports.md documents the export formats.
 */
export * from './participation';
export * from './trace';
export * from './results';
export * from './mesQuestion';
export * from './csv';
export * from './json';
export * from './pb';
