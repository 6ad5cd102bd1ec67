// CommonJS on purpose: Node 20 then never starts its ES module loader, which costs ~5 ms of a
// ~45 ms run. The modules behind it are ES modules; ncc bundles them into one CommonJS file.
import main = require('./main.js')

// pop-core's HTTP layer calls url.parse(), which Node 24 reports as deprecated (DEP0169) on
// every run; that line would only puzzle whoever reads the step log.
process.noDeprecation = true
void main.run()
