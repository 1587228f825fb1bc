/**
 * Known attack patterns per category: static, general, and honest. They describe what can go wrong
 * when an agent that reads untrusted text (web pages, emails, tool output) holds a tool of that kind;
 * they are not claims about any particular server.
 */
import type { Category } from '../schema/index.js';

/** One attack pattern: a short name and a plain explanation. */
export interface AttackPattern {
  name: string;
  description: string;
  mitigation: string;
}

/** Patterns for each category, most common first. */
export const ATTACK_PATTERNS: Record<Category, readonly AttackPattern[]> = {
  Destructive: [
    {
      name: 'Injected delete instruction',
      description:
        'Text the agent reads (a document, an issue, a tool result) tells it to delete or close a resource, and the agent calls the tool without the user asking for it.',
      mitigation: 'Hide the tool from agents that do not need it, or require a human approval for every call.',
    },
    {
      name: 'Over-broad arguments',
      description:
        'A plausible-looking call targets more than intended (a wildcard, the wrong id, every key), so one call removes far more than the user meant.',
      mitigation: 'Require approval so a person sees the exact arguments before the call runs.',
    },
    {
      name: 'Service disruption',
      description:
        'Repeated calls close sessions, streams or connections that other systems depend on, interrupting them until someone notices.',
      mitigation: 'Rate-limit the tool when it must stay available, and log every call.',
    },
  ],
  Financial: [
    {
      name: 'Prompt-injected transfer or order',
      description:
        'Untrusted text instructs the agent to send funds, place an order or change a payment to an address the attacker controls.',
      mitigation: 'Require human approval for every call and check the amount and the recipient.',
    },
    {
      name: 'Runaway spending',
      description: 'A loop or a misread instruction repeats a paid action many times in a short period.',
      mitigation: 'Rate-limit the tool and set a spending limit in the account itself.',
    },
  ],
  Execute: [
    {
      name: 'Command injection',
      description:
        'Arguments built from untrusted text carry shell or code fragments that run with the server’s privileges.',
      mitigation: 'Hide the tool unless it is needed; otherwise require approval and run the server in a sandbox.',
    },
    {
      name: 'Instruction-driven execution',
      description: 'A document or web page tells the agent to run a script or workflow that the user never asked for.',
      mitigation: 'Require approval so a person reviews what will run.',
    },
  ],
  Write: [
    {
      name: 'Tampering',
      description:
        'An injected instruction makes the agent change records, settings or files, quietly corrupting data or planting content for later.',
      mitigation: 'Require approval for writes to important data, and keep change history so edits can be reverted.',
    },
    {
      name: 'Persistence of injected text',
      description: 'The agent writes attacker text into a place other agents or people later read, spreading the injection.',
      mitigation: 'Limit which agents may write, and treat stored content as untrusted when it is read back.',
    },
  ],
  Read: [
    {
      name: 'Exfiltration of private data',
      description:
        'Untrusted text asks the agent to read private data with this tool and then pass it to a tool or link that sends it elsewhere.',
      mitigation: 'Do not give the same agent private-data readers and tools that can send data out without approval.',
    },
    {
      name: 'Reconnaissance',
      description: 'Listing and reading calls map accounts, balances or infrastructure in preparation for a later attack.',
      mitigation: 'Rate-limit bulk reads and log them.',
    },
  ],
  Other: [
    {
      name: 'Unexpected side effects',
      description:
        'The tool does not fit a known category, so its effects are harder to predict; an injected instruction may use it in ways nobody planned for.',
      mitigation: 'Review what the tool does before allowing it, and require approval until you have.',
    },
  ],
};

/** The patterns for `category`. */
export function attackPatternsFor(category: Category): readonly AttackPattern[] {
  return ATTACK_PATTERNS[category];
}
