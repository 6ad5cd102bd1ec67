// Nothing to do at the start: the probe only looks at what is left when the job ends.
