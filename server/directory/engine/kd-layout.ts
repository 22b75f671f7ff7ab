// A static k-d tree laid out in the order of its points: no nodes, no id array. Points are reordered once (a median
// split on alternating axes down to small leaves), after which range and radius searches walk index intervals.
// Each level of the cluster index is one such layout, so a level costs only its own columns.

/** Intervals this short are scanned rather than split further: fewer steps, and a shallow search stack. */
const LEAF_SIZE = 64;

/**
 * The order that lays out the points `xs[i], ys[i]` as a k-d tree: the returned permutation lists the point indices
 * in their new order. The input columns are left as they are.
 */
export function kdOrder(xs: Float32Array, ys: Float32Array): Uint32Array {
  const n = xs.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) order[i] = i;
  // Copies in the order being built, so that comparisons read memory in sequence.
  const cx = Float32Array.from(xs);
  const cy = Float32Array.from(ys);
  const swap = (i: number, j: number): void => {
    const o = order[i]!;
    order[i] = order[j]!;
    order[j] = o;
    const x = cx[i]!;
    cx[i] = cx[j]!;
    cx[j] = x;
    const y = cy[i]!;
    cy[i] = cy[j]!;
    cy[j] = y;
  };
  // Quickselect: the median of [left, right] on `axis` moves to the middle, smaller values before it.
  const select = (k: number, left: number, right: number, axis: Float32Array): void => {
    while (right > left) {
      const pivot = axis[(left + right) >> 1]!;
      let i = left;
      let j = right;
      while (i <= j) {
        while (axis[i]! < pivot) i += 1;
        while (axis[j]! > pivot) j -= 1;
        if (i <= j) {
          swap(i, j);
          i += 1;
          j -= 1;
        }
      }
      if (k <= j) right = j;
      else if (k >= i) left = i;
      else return;
    }
  };
  const stack = [0, n - 1, 0];
  while (stack.length > 0) {
    const axis = stack.pop()!;
    const right = stack.pop()!;
    const left = stack.pop()!;
    if (right - left <= LEAF_SIZE) continue;
    const middle = (left + right) >> 1;
    select(middle, left, right, axis === 0 ? cx : cy);
    stack.push(left, middle - 1, 1 - axis, middle + 1, right, 1 - axis);
  }
  return order;
}

/** The indices of the laid-out points inside the box (edges included), appended to `out`. */
export function kdRange(
  xs: Float32Array,
  ys: Float32Array,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
  out: number[],
): void {
  const stack = [0, xs.length - 1, 0];
  while (stack.length > 0) {
    const axis = stack.pop()!;
    const right = stack.pop()!;
    const left = stack.pop()!;
    if (right - left <= LEAF_SIZE) {
      for (let i = left; i <= right; i += 1) {
        const x = xs[i]!;
        const y = ys[i]!;
        if (x >= minX && x <= maxX && y >= minY && y <= maxY) out.push(i);
      }
      continue;
    }
    const middle = (left + right) >> 1;
    const x = xs[middle]!;
    const y = ys[middle]!;
    if (x >= minX && x <= maxX && y >= minY && y <= maxY) out.push(middle);
    const value = axis === 0 ? x : y;
    if ((axis === 0 ? minX : minY) <= value) stack.push(left, middle - 1, 1 - axis);
    if ((axis === 0 ? maxX : maxY) >= value) stack.push(middle + 1, right, 1 - axis);
  }
}

/**
 * The indices of the laid-out points within `r` of (x, y), appended to `out`. kdRange's walk, written again with the
 * circle's test: a square search filtered afterwards made building the clusters markedly slower (this runs once per
 * item per zoom).
 */
export function kdWithin(xs: Float32Array, ys: Float32Array, x: number, y: number, r: number, out: number[]): void {
  const r2 = r * r;
  const stack = [0, xs.length - 1, 0];
  while (stack.length > 0) {
    const axis = stack.pop()!;
    const right = stack.pop()!;
    const left = stack.pop()!;
    if (right - left <= LEAF_SIZE) {
      for (let i = left; i <= right; i += 1) {
        const dx = xs[i]! - x;
        const dy = ys[i]! - y;
        if (dx * dx + dy * dy <= r2) out.push(i);
      }
      continue;
    }
    const middle = (left + right) >> 1;
    const dx = xs[middle]! - x;
    const dy = ys[middle]! - y;
    if (dx * dx + dy * dy <= r2) out.push(middle);
    const value = axis === 0 ? xs[middle]! : ys[middle]!;
    const centre = axis === 0 ? x : y;
    if (centre - r <= value) stack.push(left, middle - 1, 1 - axis);
    if (centre + r >= value) stack.push(middle + 1, right, 1 - axis);
  }
}
