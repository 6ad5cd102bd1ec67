// The post step's entry, CommonJS like the main step's (see index.cts).
import post = require('./post.js')

void post.post()
