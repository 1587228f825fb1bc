/**
 * Shared test data for the policy tests: a realistic tool list of a crypto/DeFi server (the
 * catalogue's model server) with verdicts, and adversarial tool names.
 */
import type { ToolVerdict } from '../../../src/lib/policy/index.js';

/** A realistic server: every risk level, duplicated name, Financial/Medium override. */
export const CRYPTO_TOOLS: ToolVerdict[] = [
  { name: 'BinanceGetTickerPrice', verdict: { category: 'Read', risk: 'Low' } },
  { name: 'BinanceGetAccountInfo', verdict: { category: 'Read', risk: 'Low' } },
  { name: 'BinanceOptionsCreateListenKey', verdict: { category: 'Write', risk: 'Medium' } },
  { name: 'BinanceOptionsDeleteListenKey', verdict: { category: 'Destructive', risk: 'Critical' } },
  { name: 'BinanceSpotPlaceOrder', verdict: { category: 'Financial', risk: 'High' } },
  { name: 'BinanceSpotCancelAllOrders', verdict: { category: 'Destructive', risk: 'High' } },
  { name: 'SperaxStakeUSDs', verdict: { category: 'Financial', risk: 'Medium' } },
  { name: 'ExecuteSwapScript', verdict: { category: 'Execute', risk: 'Critical' } },
  { name: 'UpdateWatchlist', verdict: { category: 'Write', risk: 'Medium' } },
  { name: 'GetGasPrice', verdict: { category: 'Read', risk: 'Low' } },
  { name: 'WithdrawToAddress', verdict: { category: 'Financial', risk: 'Critical' } },
  { name: 'GetGasPrice', verdict: { category: 'Other', risk: 'Medium' } },
];

/** Names a hostile server could list: quoting, control characters, wildcards, dots, shell syntax. */
export const HOSTILE_NAMES = [
  'a"b',
  'back\\slash',
  'new\nline',
  'dot.name',
  '*',
  'spa ce',
  'ünïcode',
  '🔥fire',
  '\uD800lone',
  "it's",
  '$(touch pwned)',
  '`id`',
  'true',
  '- item',
];
