// No cycle between app/core's capability folders: if build/ uses run/, run/ may not use build/, through any path.
// A second cruise (`npm run layers` runs both) because dependency-cruiser judges a folder cycle on the whole folder
// graph and takes no per-rule exclusions for folder rules: with the tests in it, every capability whose tests use
// app/core/testing (which drives the capabilities) would be in a cycle. So this cruise leaves out the tests and the
// test helpers (app/core/testing/, <capability>/testing/) and checks what ships.
const layers = require("./.dependency-cruiser.cjs");

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles-between-capabilities",
      comment:
        "A capability folder of app/core (build, run, model, serving, …) may use another, never in a circle: a circle makes two capabilities one, read and changed together. A piece both need goes to a folder both import (containers/, serving/, projects/).",
      severity: "error",
      scope: "folder",
      from: { path: "^app/core/" },
      to: { circular: true },
    },
  ],
  options: {
    ...layers.options,
    exclude: { path: [layers.options.exclude.path, "[.]test[.]tsx?$", "(^|/)testing/"] },
  },
};
