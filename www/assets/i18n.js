// Stadtwerke Lotsenhafen demo: texts that scripts show, in the page's language (<html lang>).

const MESSAGES = {
  de: {
    errorSummaryOne: "Bitte korrigieren Sie eine Angabe:",
    errorSummary: "Bitte korrigieren Sie {count} Angaben:",
    required: "Bitte füllen Sie dieses Feld aus.",
    postcodeFormat: "Die Postleitzahl hat genau 5 Ziffern, z. B. 20095.",
    postcodeUnknown: "Diese Postleitzahl gibt es nicht. Bitte prüfen Sie Ihre Eingabe.",
    consumptionFormat: "Bitte geben Sie Ihren Jahresverbrauch als ganze Zahl in kWh an, z. B. 2500.",
    consumptionRange: "Der Jahresverbrauch muss zwischen 500 und 100.000 kWh liegen.",
    nameFormat: "Bitte verwenden Sie nur Buchstaben, Leerzeichen, Bindestrich oder Apostroph.",
    emailFormat: "Bitte geben Sie eine E-Mail-Adresse im Format name@beispiel.de an.",
    phoneFormat: "Bitte geben Sie eine Telefonnummer aus Ziffern an, z. B. 040 123456.",
    dateFormat: "Bitte geben Sie ein gültiges Datum an.",
    birthAdult: "Sie müssen mindestens 18 Jahre alt sein, um einen Vertrag abzuschließen.",
    birthPlausible: "Bitte prüfen Sie Ihr Geburtsdatum.",
    startTooEarly: "Der Lieferbeginn kann frühestens am {date} sein.",
    startTooLate: "Der Lieferbeginn kann höchstens 12 Monate in der Zukunft liegen.",
    houseNumberFormat: "Bitte geben Sie eine Hausnummer an, z. B. 12 oder 12a.",
    ibanEmpty: "Bitte geben Sie Ihre IBAN an.",
    ibanCountry: "Eine IBAN beginnt mit dem Ländercode, z. B. DE.",
    ibanUnsupported: "IBANs aus {country} können wir für SEPA-Lastschriften nicht annehmen.",
    ibanChars: "Eine IBAN enthält nur Buchstaben und Ziffern.",
    ibanLength: "Eine IBAN aus {country} hat {expected} Zeichen, Sie haben {actual} eingegeben.",
    ibanChecksum: "Die Prüfziffern dieser IBAN stimmen nicht. Bitte prüfen Sie sie auf Tippfehler.",
    ibanValid: "IBAN gültig",
    bicFormat: "Eine BIC hat 8 oder 11 Zeichen, z. B. COBADEFFXXX.",
    mandateRequired: "Bitte erteilen Sie das SEPA-Lastschriftmandat, um fortzufahren.",
    termsRequired: "Bitte bestätigen Sie die AGB und die Widerrufsbelehrung.",
    meterNumberFormat: "Die Zählernummer hat 6 bis 14 Buchstaben oder Ziffern, z. B. 1ESY1160123456.",
    readingFormat: "Bitte geben Sie den Zählerstand ohne Nachkommastellen an, z. B. 12345.",
    readingFuture: "Das Ablesedatum darf nicht in der Zukunft liegen.",
    readingOld: "Das Ablesedatum darf höchstens 60 Tage zurückliegen.",
    missingStep: "Es fehlen noch Angaben aus Schritt „{step}“.",
    perMonth: "/ Monat",
    perYear: "{amount} pro Jahr",
    rates: "Grundpreis {base} / Monat · Arbeitspreis {work} ct/kWh",
    calculating: "Wir berechnen Ihre Preise für {kwh} kWh in {postcode} …",
    calculated: "{count} Tarife für {kwh} kWh in {postcode} gefunden.",
    exampleValues: "Beispielwerte",
    stepConsumption: "Verbrauch",
    stepTariff: "Tarif",
    stepDetails: "Persönliche Daten",
    stepBank: "Bankverbindung",
    asap: "Schnellstmöglich",
    none: "–",
    meterTypePower: "Strom",
    meterTypeGas: "Gas",
  },
  en: {
    errorSummaryOne: "Please correct one entry:",
    errorSummary: "Please correct {count} entries:",
    required: "Please fill in this field.",
    postcodeFormat: "A postcode has exactly 5 digits, e.g. 20095.",
    postcodeUnknown: "This postcode does not exist. Please check it.",
    consumptionFormat: "Enter your annual consumption as a whole number of kWh, e.g. 2500.",
    consumptionRange: "Annual consumption must be between 500 and 100,000 kWh.",
    nameFormat: "Please use only letters, spaces, hyphens or apostrophes.",
    emailFormat: "Enter an email address like name@example.com.",
    phoneFormat: "Enter a phone number made of digits, e.g. 040 123456.",
    dateFormat: "Enter a valid date.",
    birthAdult: "You must be at least 18 years old to sign a contract.",
    birthPlausible: "Please check your date of birth.",
    startTooEarly: "Supply can start on {date} at the earliest.",
    startTooLate: "Supply can start at most 12 months from now.",
    houseNumberFormat: "Enter a house number, e.g. 12 or 12a.",
    ibanEmpty: "Enter your IBAN.",
    ibanCountry: "An IBAN starts with a country code, e.g. DE.",
    ibanUnsupported: "We cannot accept IBANs from {country} for SEPA direct debit.",
    ibanChars: "An IBAN contains only letters and digits.",
    ibanLength: "An IBAN from {country} has {expected} characters, you entered {actual}.",
    ibanChecksum: "This IBAN's check digits do not match. Please check it for typos.",
    ibanValid: "IBAN is valid",
    bicFormat: "A BIC has 8 or 11 characters, e.g. COBADEFFXXX.",
    mandateRequired: "Please grant the SEPA direct debit mandate to continue.",
    termsRequired: "Please accept the terms and the cancellation policy.",
    meterNumberFormat: "A meter number has 6 to 14 letters or digits, e.g. 1ESY1160123456.",
    readingFuture: "The reading date cannot be in the future.",
    readingFormat: "Enter the reading without decimals, e.g. 12345.",
    readingOld: "The reading date can be at most 60 days ago.",
    missingStep: "Some details from step “{step}” are still missing.",
    perMonth: "/ month",
    perYear: "{amount} per year",
    rates: "Standing charge {base} / month · unit rate {work} ct/kWh",
    calculating: "Calculating your prices for {kwh} kWh in {postcode} …",
    calculated: "{count} tariffs found for {kwh} kWh in {postcode}.",
    exampleValues: "example values",
    stepConsumption: "Consumption",
    stepTariff: "Tariff",
    stepDetails: "Personal details",
    stepBank: "Bank details",
    asap: "As soon as possible",
    none: "–",
    meterTypePower: "Electricity",
    meterTypeGas: "Gas",
  },
};

/** The page's language: "de" or "en". */
export const lang = document.documentElement.lang.startsWith("de") ? "de" : "en";
const locale = lang === "de" ? "de-DE" : "en-GB";

/** The message `key` with `{name}` placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const text = MESSAGES[lang][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
}

/** An amount in euros, e.g. "1.234,50 €" or "€1,234.50". */
export function euro(amount, digits = 2) {
  return new Intl.NumberFormat(locale, {
    style: "currency", currency: "EUR", minimumFractionDigits: digits, maximumFractionDigits: digits,
  }).format(amount);
}

/** A plain number in the page's locale. */
export function number(value, digits = 0) {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** An ISO date (YYYY-MM-DD) as the page's locale writes it. */
export function date(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", year: "numeric" })
    .format(new Date(y, m - 1, d));
}

/** The name of a country from its ISO code, in the page's language. */
export function country(code) {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}
