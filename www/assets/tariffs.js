// Stadtwerke Lotsenhafen demo: the electricity tariffs and their price calculation.

/** The tariffs; rates are gross (incl. 19 % VAT). `id` matches data-tariff in the HTML. */
export const TARIFFS = [
  { id: "basis", name: "Lotsenhafen Basis", base: 14.9, work: 36.9 },
  { id: "oeko12", name: "Lotsenhafen Öko 12", base: 12.5, work: 31.4, recommended: true },
  { id: "fix24", name: "Lotsenhafen Fix 24", base: 11.9, work: 32.9 },
];

/** A fictional network charge that differs by region: 0 to 1.2 ct/kWh from the postcode. */
export function regionalCt(postcode) {
  const digits = String(postcode).split("").map(Number).filter((n) => !Number.isNaN(n));
  const sum = digits.reduce((a, b) => a + b, 0);
  return (sum % 5) * 0.3;
}

/** Prices of `tariff` for `kwh` per year in `postcode`: yearly total and monthly instalment. */
export function price(tariff, kwh, postcode) {
  const work = Math.round((tariff.work + regionalCt(postcode)) * 100) / 100;
  const yearly = Math.round((tariff.base * 12 + (kwh * work) / 100) * 100) / 100;
  // Instalments are whole euros, rounded up, as suppliers usually do.
  const monthly = Math.ceil(yearly / 12);
  return { base: tariff.base, work, yearly, monthly };
}

/** The tariff with id `id`, if any. */
export function byId(id) {
  return TARIFFS.find((x) => x.id === id);
}
