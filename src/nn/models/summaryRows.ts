import type { Layer } from '../engine/Layer.js';
import { formatDims } from '../engine/shape.js';
import type { Node } from '../engine/SymbolicTensor.js';
import { InputLayer } from '../layers/InputLayer.js';
import type { SummaryRow } from './summary.js';

/**
 * The rows of a model summary: each layer's output shape (first call) and parameter count; for a functional model
 * also its inbound layers as `name[node][tensor]`, while a Sequential model hides its input layer (as Keras).
 * @param nodesOf the model's call nodes of a layer, in creation order
 */
export function summaryRows(
  layers: readonly Layer[],
  nodesOf: (layer: Layer) => Node[],
  sequential: boolean,
): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const layer of layers) {
    if (sequential && layer instanceof InputLayer) continue;
    const node = nodesOf(layer)[0];
    const shape = node ? node.outputs.map((o) => formatDims(o.shape)).join(', ') : '?';
    const row: SummaryRow = {
      name: layer.name,
      className: layer.className,
      outputShape: shape,
      params: layer.countParams(),
    };
    if (!sequential) {
      row.connectedTo = node
        ? node.inputs
            .map((t) => `${t.sourceLayer.name}[${nodesOf(t.sourceLayer as Layer).indexOf(t.node)}][${t.index}]`)
            .join(', ')
        : '';
    }
    rows.push(row);
  }
  return rows;
}
