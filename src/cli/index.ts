#!/usr/bin/env node
// The `ram-identity` command; cli/main.ts holds the program, so tests can run it in-process.
import { main } from './main.js'

process.noDeprecation = true // see src/index.cts
process.exitCode = await main(process.argv.slice(2))
