/** The vitest run's one clock (run-clock.ts), chosen before the test workers start so that they inherit it. */
import { runClockShift } from './run-clock';

export default function setup() {
	runClockShift();
}
