#!/usr/bin/env node
// The sources are TypeScript, run through tsx's loader: no compile step to forget.
import { register } from 'tsx/esm/api';

register();
const { main, handleError } = await import('../src/cli.ts');
await main().catch(handleError);
