import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { E2E_MODE } from './electron-binary.ts';

/** Ends the run by saying which mode ran and naming every skipped test with its reason. */
export default class ModeReporter implements Reporter {
  readonly #skipped: string[] = [];
  #passed = 0;
  #failed = 0;

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === 'passed') this.#passed += 1;
    else if (result.status !== 'skipped' && test.outcome() === 'unexpected') this.#failed += 1;
    if (result.status === 'skipped') {
      const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
      this.#skipped.push(`${test.titlePath().filter(Boolean).join(' › ')}: ${reason}`);
    }
  }

  onEnd(_result: FullResult): void {
    console.log(`\nE2E mode: ${E2E_MODE}`);
    console.log(`e2e: ${this.#passed} passed, ${this.#failed} failed, ${this.#skipped.length} skipped`);
    if (this.#skipped.length > 0) {
      console.log(`SKIPPED (${this.#skipped.length}):`);
      for (const line of this.#skipped) console.log(`  - ${line}`);
    }
  }

  printsToStdio(): boolean {
    return false;
  }
}
