// JSON between Node and the headless page that keeps what JSON drops: ±Infinity and NaN (bounds,
// excluded features) travel as {"$number": "Infinity"}, typed arrays as plain arrays.

export function toWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return { $number: String(v) };
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    return v;
  });
}

export function fromWire<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && '$number' in v) return Number((v as { $number: string }).$number);
    return v;
  }) as T;
}
