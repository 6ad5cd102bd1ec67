// CommonJS on purpose: Node 20 then never starts its ES module loader, which costs ~5 ms of a
// ~45 ms run. The modules behind it are ES modules; ncc bundles them into one CommonJS file.
import main = require('./main.js')

void main.run()
