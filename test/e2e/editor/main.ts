import { ProvisionError } from './provision';

/** Runs a launcher's main function: a ProvisionError is shown as its one sentence, anything else with its stack. */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (exitCode) => {
      process.exitCode = exitCode;
    },
    (error: unknown) => {
      console.error(error instanceof ProvisionError ? error.message : error);
      process.exitCode = 1;
    },
  );
}
