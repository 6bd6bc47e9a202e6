// Loaded with `node --import` into the servers that tests start (never into the portal's
// own start command): `Date` reads the test run's clock, the real clock moved by
// PORTAL_TEST_CLOCK_SHIFT_MS milliseconds. See run-clock.ts.
const shift = Number(process.env.PORTAL_TEST_CLOCK_SHIFT_MS ?? '0');
if (!Number.isFinite(shift)) throw new Error('PORTAL_TEST_CLOCK_SHIFT_MS is not a number');

const RealDate = globalThis.Date;
function ShiftedDate(...args) {
	if (!new.target) return new RealDate(RealDate.now() + shift).toString();
	return args.length === 0 ? new RealDate(RealDate.now() + shift) : new RealDate(...args);
}
ShiftedDate.prototype = RealDate.prototype;
ShiftedDate.now = () => RealDate.now() + shift;
ShiftedDate.parse = RealDate.parse;
ShiftedDate.UTC = RealDate.UTC;
globalThis.Date = ShiftedDate;
