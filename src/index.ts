import { run } from './main.js'

// pop-core's http client calls url.parse(); Node 24 warns once per run (DEP0169) and the
// warning means nothing to a workflow's author.
process.noDeprecation = true
await run()
