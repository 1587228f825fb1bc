/** Counts in messages: `count(1, 'tool')` is "1 tool", `count(2, 'tool')` is "2 tools". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
