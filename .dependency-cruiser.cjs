/**
 * Layer rules from shared/DESIGN.md: a layer imports only from layers below it, and no import cycles.
 * Layers, bottom to top; `errors`/`util` are shared leaves everyone may use.
 */
const layers = [
  'tensor',
  'backend',
  'autograd',
  'ops',
  'nn|optim',
  'estimators',
  'metrics|selection|preprocessing',
  'data',
  'parallel|distributed',
  'serve',
  'interop',
  'cli',
  'lab',
];

const forbidden = [
  { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  {
    name: 'shared-leaves-stay-leaves',
    severity: 'error',
    comment: 'errors/ and util/ must not depend on any layer.',
    from: { path: '^src/(errors|util)/' },
    to: { path: '^src/(?!errors/|util/)[^/]+/' },
  },
];

layers.forEach((layer, i) => {
  const above = layers.slice(i + 1);
  if (above.length === 0) return;
  forbidden.push({
    name: `layer-${layer.replace('|', '-')}-imports-down-only`,
    severity: 'error',
    comment: `src/${layer} may import only from layers below it.`,
    from: { path: `^src/(${layer})/` },
    to: { path: `^src/(${above.join('|')})/` },
  });
});

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
