/** Sends one abuse input by name to a server: `tsx bench/abuse-send.ts <index> <base> <token>`. */
import { ABUSES } from './abuse-inputs.ts';

const [index, base, token] = process.argv.slice(2);
await ABUSES[Number(index)].send(base, token);
