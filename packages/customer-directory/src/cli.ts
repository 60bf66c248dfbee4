#!/usr/bin/env node
import { runDirectoryCli } from './directoryCli';

runDirectoryCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
