// Stadtwerke Lotsenhafen demo: field checks. Each returns null when the value is fine,
// otherwise [messageKey, vars] for i18n.t.

import { country, date } from "./i18n.js";

/** Today as YYYY-MM-DD in local time. */
export function today(offsetDays = 0) {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value) {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number);
  const parsed = new Date(y, m - 1, d);
  return parsed.getFullYear() === y && parsed.getMonth() === m - 1 && parsed.getDate() === d;
}

export function postcode(value) {
  if (!/^\d{5}$/.test(value)) return ["postcodeFormat"];
  // German postcodes run from 01001 to 99998.
  if (value < "01001" || value > "99998") return ["postcodeUnknown"];
  return null;
}

export function consumption(value) {
  const plain = value.replace(/[.\s]/g, "");
  if (!/^\d+$/.test(plain)) return ["consumptionFormat"];
  const kwh = Number(plain);
  if (kwh < 500 || kwh > 100000) return ["consumptionRange"];
  return null;
}

export function personName(value) {
  return /^[\p{L}][\p{L}\p{M} '’.-]*$/u.test(value) ? null : ["nameFormat"];
}

export function email(value) {
  return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value) ? null : ["emailFormat"];
}

export function phone(value) {
  return /^\+?[\d\s/()-]{6,20}$/.test(value) ? null : ["phoneFormat"];
}

export function houseNumber(value) {
  return /^\d{1,4}\s?[a-zA-Z]?(\s?[-/]\s?\d{1,4}\s?[a-zA-Z]?)?$/.test(value) ? null : ["houseNumberFormat"];
}

export function birthDate(value) {
  if (!validDate(value)) return ["dateFormat"];
  const now = new Date();
  const adult = `${now.getFullYear() - 18}${today().slice(4)}`;
  if (value > adult) return ["birthAdult"];
  if (value < `${now.getFullYear() - 120}-01-01`) return ["birthPlausible"];
  return null;
}

/** Earliest supply start: a supplier change takes 14 days. */
export const EARLIEST_START_DAYS = 14;

export function startDate(value) {
  if (!validDate(value)) return ["dateFormat"];
  const earliest = today(EARLIEST_START_DAYS);
  if (value < earliest) return ["startTooEarly", { date: date(earliest) }];
  if (value > today(365)) return ["startTooLate"];
  return null;
}

// IBAN lengths of the SEPA countries (EPC409, as of 2024).
const IBAN_LENGTHS = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24,
  FI: 18, FR: 27, GB: 22, GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21,
  LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, SE: 24,
  SI: 19, SK: 24, SM: 27, VA: 22,
};

/** An IBAN without spaces, in capitals. */
export function normalizeIban(value) {
  return value.replace(/\s+/g, "").toUpperCase();
}

/** The IBAN in groups of four, as printed on bank cards. */
export function formatIban(value) {
  return normalizeIban(value).replace(/(.{4})(?=.)/g, "$1 ");
}

/** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function ibanChecksumOk(iban) {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const code = ch >= "A" ? ch.charCodeAt(0) - 55 : Number(ch);
    rest = Number(`${rest}${code}`) % 97;
  }
  return rest === 1;
}

export function iban(value) {
  const v = normalizeIban(value);
  if (!v) return ["ibanEmpty"];
  if (!/^[A-Z]{2}/.test(v)) return ["ibanCountry"];
  if (!/^[A-Z0-9]+$/.test(v)) return ["ibanChars"];
  const code = v.slice(0, 2);
  const expected = IBAN_LENGTHS[code];
  if (!expected) return ["ibanUnsupported", { country: country(code) }];
  if (v.length !== expected) {
    return ["ibanLength", { country: country(code), expected, actual: v.length }];
  }
  if (!/^[A-Z]{2}\d{2}/.test(v) || !ibanChecksumOk(v)) return ["ibanChecksum"];
  return null;
}

export function bic(value) {
  return /^[A-Za-z]{6}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?$/.test(value.replace(/\s/g, "")) ? null : ["bicFormat"];
}

export function meterNumber(value) {
  return /^[A-Za-z0-9]{6,14}$/.test(value.replace(/\s/g, "")) ? null : ["meterNumberFormat"];
}

export function reading(value) {
  return /^\d{1,7}$/.test(value.replace(/[.\s]/g, "")) ? null : ["readingFormat"];
}

export function readingDate(value) {
  if (!validDate(value)) return ["dateFormat"];
  if (value > today()) return ["readingFuture"];
  if (value < today(-60)) return ["readingOld"];
  return null;
}
