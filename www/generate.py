#!/usr/bin/env python3
"""Generates the demo site's process pages (www/{de,en}/... and the two home
pages) from one template per page, so a site-wide change is one edit here.

The output is plain static HTML, committed; nothing is built at run time.

    python3 www/generate.py          # rewrite the pages in www/
    python3 www/generate.py --check  # exit 1 if a committed page differs
"""
import os, sys, tempfile, filecmp
CHECK = "--check" in sys.argv[1:]
WWW = os.path.dirname(os.path.abspath(__file__))
ROOT = tempfile.mkdtemp() if CHECK else WWW
CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"
L = "en"
def t(de, en): return de if L == "de" else en

def embed(guide):
    return f'<script type="module" src="/lotse/lotse.js" data-guide="/guides/{guide}.json" data-endpoint="/v1/events" data-site="demo"></script>'

def counterpart(path):
    if path == "/index.html": return "/de/"
    if path == "/de/index.html": return "/"
    return ("/en/" if path.startswith("/de/") else "/de/") + path[4:]

def home(): return "/de/" if L == "de" else "/"

def layout(path, title, page, body, guide=None, nav=None, csp=True):
    other = "en" if L == "de" else "de"
    meta = f'\n  <meta http-equiv="Content-Security-Policy" content="{CSP}">' if csp else ""
    pre = f"/{L}"
    def navlink(key, href, label):
        cur = ' aria-current="page"' if nav == key else ""
        return f'<li><a href="{href}"{cur}>{label}</a></li>'
    script = f"\n  {embed(guide)}" if guide else ""
    body_attr = f' data-page="{page}"' if page else ""
    return f'''<!doctype html>
<html lang="{L}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">{meta}
  <title>{title} – Stadtwerke Lotsenhafen</title>
  <link rel="icon" href="/assets/logo.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/assets/site.css">
  <script type="module" src="/assets/site.js"></script>
</head>
<body{body_attr}>
  <a class="skip-link" href="#main">{t("Zum Inhalt springen", "Skip to content")}</a>
  <header class="site-header">
    <div class="wrap header-inner">
      <a class="brand" href="{home()}" data-testid="brand"><img src="/assets/logo.svg" alt="" width="36" height="36"><span>Stadtwerke<br><strong>Lotsenhafen</strong></span></a>
      <nav class="main-nav" aria-label="{t("Hauptnavigation", "Main navigation")}">
        <ul>
          {navlink("switch", pre + "/switch/consumption.html", t("Tarif wechseln", "Switch tariff"))}
          {navlink("meter", pre + "/meter/reading.html", t("Zählerstand melden", "Meter reading"))}
        </ul>
      </nav>
      <a class="lang-switch" href="{counterpart(path)}" hreflang="{other}" lang="{other}" data-testid="lang-switch">{"English" if L == "de" else "Deutsch"}</a>
    </div>
  </header>
{body}
  <footer class="site-footer">
    <div class="wrap">
      <p>{t("Stadtwerke Lotsenhafen ist ein erfundenes Unternehmen: eine Demo-Seite für Lotse. Nichts hier wird gespeichert oder versendet.", "Stadtwerke Lotsenhafen is a fictional company: a demo site for Lotse. Nothing here is stored or sent.")}</p>
      <ul>
        <li><a href="{home()}">{t("Startseite", "Home")}</a></li>
        <li><a href="{counterpart(path)}" hreflang="{other}" lang="{other}">{"English" if L == "de" else "Deutsch"}</a></li>
      </ul>
    </div>
  </footer>{script}
</body>
</html>
'''

STEPS = [("consumption", ("Verbrauch", "Consumption")), ("tariff", ("Tarif", "Tariff")),
         ("details", ("Persönliche Daten", "Personal details")), ("bank", ("Bankverbindung", "Bank details")),
         ("review", ("Prüfen & bestellen", "Review & order"))]

def stepper(current):
    idx = [s for s, _ in STEPS].index(current)
    items = []
    for i, (s, names) in enumerate(STEPS):
        name = t(*names)
        if i < idx:
            items.append(f'<li class="done"><a href="{s}.html">{name}</a></li>')
        elif i == idx:
            items.append(f'<li aria-current="step">{name}</li>')
        else:
            items.append(f'<li>{name}</li>')
    label = t("Fortschritt", "Progress")
    return f'<ol class="stepper" aria-label="{label}" data-testid="stepper">\n        ' + "\n        ".join(items) + "\n      </ol>"

def summary():
    return f'''<aside class="card summary" data-testid="order-summary" aria-labelledby="summary-title">
          <h2 id="summary-title">{t("Ihre Auswahl", "Your selection")}</h2>
          <dl>
            <dt>{t("Postleitzahl", "Postcode")}</dt><dd data-fill="postcode">–</dd>
            <dt>{t("Jahresverbrauch", "Annual consumption")}</dt><dd data-fill="kwh">–</dd>
            <dt>{t("Tarif", "Tariff")}</dt><dd data-fill="tariff">–</dd>
            <dt>{t("Monatlicher Abschlag", "Monthly instalment")}</dt><dd class="price" data-fill="monthly">–</dd>
          </dl>
        </aside>'''

def process(current, h1, lead, content, extra_head=""):
    return f'''  <main id="main" class="page">
    <div class="wrap">
      {stepper(current)}
      <div class="page-head">
        <h1 id="page-title">{h1}</h1>
        <p>{lead}</p>{extra_head}
      </div>
      <div class="layout">
        <div>
{content}
        </div>
        {summary()}
      </div>
    </div>
  </main>'''

def field(id, label, input_html, hint=None, optional=False, cls="field"):
    opt = f' <span class="optional-note">({t("optional", "optional")})</span>' if optional else ""
    h = f'\n              <span class="hint" id="{id}-hint">{hint}</span>' if hint else ""
    return f'''            <div class="{cls}">
              <label for="{id}">{label}{opt}</label>{h}
              {input_html}
            </div>'''

def back(href):
    return f'<a class="back-link" href="{href}">← {t("Zurück", "Back")}</a>'

# ---------------------------------------------------------------- pages

def index_page(path):
    csp = path != "/index.html"
    pre = f"/{L}"
    body = f'''  <main id="main">
    <section class="hero">
      <div class="wrap">
        <span class="eyebrow">{t("Ihr Energieversorger an der Küste", "Your energy supplier on the coast")}</span>
        <h1 id="hero-title">{t("Strom aus Lotsenhafen. Einfach, grün, von hier.", "Power from Lotsenhafen. Simple, green, local.")}</h1>
        <p>{t("Wechseln Sie in fünf Minuten in einen neuen Tarif oder melden Sie Ihren Zählerstand online – ohne Papier und Warteschleife.", "Switch to a new tariff in five minutes or submit your meter reading online – no paperwork, no hold music.")}</p>
      </div>
    </section>
    <div class="wrap">
      <div class="actions">
        <a class="action-card" id="tariff-link" href="{pre}/switch/consumption.html">
          <span class="icon" aria-hidden="true">€</span>
          <h2>{t("Tarif wechseln", "Switch tariff")}</h2>
          <p>{t("Postleitzahl und Verbrauch eingeben, Preise vergleichen, online abschließen.", "Enter postcode and consumption, compare prices, sign up online.")}</p>
          <span class="go">{t("Jetzt Preise berechnen →", "Calculate prices now →")}</span>
        </a>
        <a class="action-card" id="meter-link" href="{pre}/meter/reading.html">
          <span class="icon" aria-hidden="true">kWh</span>
          <h2>{t("Zählerstand melden", "Submit meter reading")}</h2>
          <p>{t("Zählernummer und Stand eintragen – Ihre Abrechnung bleibt genau.", "Enter meter number and reading – keep your bill accurate.")}</p>
          <span class="go">{t("Zählerstand eingeben →", "Enter reading →")}</span>
        </a>
      </div>
      <ul class="features">
        <li><strong>{t("100 % Ökostrom", "100 % green power")}</strong><span>{t("Aus Wind und Sonne der Region, TÜV-zertifiziert.", "From regional wind and sun, certified.")}</span></li>
        <li><strong>{t("Preisgarantie", "Price guarantee")}</strong><span>{t("Bis zu 24 Monate feste Preise.", "Fixed prices for up to 24 months.")}</span></li>
        <li><strong>{t("Service vor Ort", "Local service")}</strong><span>{t("Kundenzentrum am Hafen, Mo–Fr 8–18 Uhr.", "Customer centre at the harbour, Mon–Fri 8 am–6 pm.")}</span></li>
      </ul>
    </div>
  </main>'''
    # en home is "/" and keeps the contract's exact embed tag.
    return layout(path, t("Startseite", "Home"), None, body, guide="demo", csp=csp)

def consumption_page(path):
    presets = [("1500", t("1 Person", "1 person")), ("2500", t("2 Personen", "2 people")),
               ("3500", t("3 Personen", "3 people")), ("4250", t("4 und mehr", "4 or more"))]
    pbtn = "\n                ".join(
        f'<button type="button" class="preset" data-kwh="{k}" data-testid="preset-{k}" aria-pressed="false">{n} · {k} kWh</button>'
        for k, n in presets)
    content = f'''          <form class="card" id="consumption-form" data-testid="consumption-form" action="tariff.html" novalidate>
{field("postcode", t("Postleitzahl", "Postcode"), '<input class="short" id="postcode" name="postcode" type="text" inputmode="numeric" autocomplete="postal-code" maxlength="5" required aria-describedby="postcode-hint" data-testid="postcode">', t("Die Postleitzahl der Lieferadresse, z. B. 20095.", "The postcode of the supply address, e.g. 20095."))}
            <div class="field">
              <label for="consumption">{t("Jahresverbrauch", "Annual consumption")}</label>
              <span class="hint" id="consumption-hint">{t("Steht auf Ihrer letzten Jahresabrechnung. Oder wählen Sie Ihre Haushaltsgröße.", "It is on your last annual bill. Or pick your household size.")}</span>
              <div class="with-unit">
                <input id="consumption" name="consumption" type="text" inputmode="numeric" maxlength="7" required aria-describedby="consumption-hint" data-testid="consumption">
                <span class="unit" aria-hidden="true">kWh</span>
              </div>
              <div class="presets" role="group" aria-label="{t("Haushaltsgröße", "Household size")}" data-testid="household-presets">
                {pbtn}
              </div>
            </div>
            <div class="form-actions">
              <a class="back-link" href="{home()}">← {t("Zur Startseite", "Home")}</a>
              <button class="button" type="submit" id="calculate-button">{t("Preise berechnen", "Calculate prices")}</button>
            </div>
          </form>'''
    extra = f'\n        <button type="button" class="help-button" id="guide-launcher">{t("Zeig mir, wie es geht", "Show me how")}</button>'
    body = process("consumption", t("Tarif wechseln: Ihr Verbrauch", "Switch tariff: your consumption"),
                   t("Wir berechnen Ihre Preise aus Postleitzahl und Jahresverbrauch.", "We calculate your prices from your postcode and annual consumption."),
                   content, extra)
    return layout(path, t("Verbrauch", "Consumption"), "consumption", body, guide="tariff-switch", nav="switch")

TARIFF_TEXT = {
    "basis": (("Flexibel ohne Bindung", "Flexible, no commitment"),
              [("Monatlich kündbar", "Cancel monthly"), ("Strom aus dem Netz-Mix", "Grid-mix electricity"), ("Keine Mindestlaufzeit", "No minimum term")]),
    "oeko12": (("100 % Ökostrom aus der Region", "100 % regional green power"),
               [("12 Monate Preisgarantie", "12-month price guarantee"), ("Wind und Sonne aus Norddeutschland", "Wind and sun from northern Germany"), ("12 Monate Mindestlaufzeit", "12-month minimum term")]),
    "fix24": (("Lange Sicherheit", "Long-term certainty"),
              [("24 Monate Preisgarantie", "24-month price guarantee"), ("50 % Ökostrom", "50 % green power"), ("24 Monate Mindestlaufzeit", "24-month minimum term")]),
}
TARIFF_NAMES = {"basis": "Lotsenhafen Basis", "oeko12": "Lotsenhafen Öko 12", "fix24": "Lotsenhafen Fix 24"}

def tariff_page(path):
    cards = []
    for tid in ["basis", "oeko12", "fix24"]:
        tag, feats = TARIFF_TEXT[tid]
        rec = tid == "oeko12"
        badge = f'\n                <span class="badge">{t("Empfohlen", "Recommended")}</span>' if rec else ""
        fl = "".join(f"<li>{t(*f)}</li>" for f in feats)
        cls = "tariff recommended" if rec else "tariff"
        cards.append(f'''              <li class="{cls}" data-tariff="{tid}" data-testid="tariff-{tid}" aria-labelledby="name-{tid}">{badge}
                <h3 id="name-{tid}">{TARIFF_NAMES[tid]}</h3>
                <p class="tagline">{t(*tag)}</p>
                <div class="monthly"><span class="monthly-value">–</span> <small>{t("/ Monat", "/ month")}</small></div>
                <div class="yearly">–</div>
                <ul>{fl}</ul>
                <p class="rates"></p>
                <button class="button{" primary-action" if rec else " secondary"}" type="submit" name="tariff" value="{tid}" id="choose-{tid}" data-testid="choose-{tid}" aria-describedby="name-{tid}">{t("Diesen Tarif wählen", "Choose this tariff")}</button>
              </li>''')
    content = f'''          <div class="notice" id="no-data-notice" hidden>{t("Sie haben noch keinen Verbrauch angegeben. Wir zeigen Beispielpreise für 2.500 kWh in 20095.", "You have not entered your consumption yet. These are example prices for 2,500 kWh in 20095.")} <a href="consumption.html">{t("Verbrauch angeben", "Enter consumption")}</a></div>
          <p class="visually-hidden" id="calc-status" role="status" aria-live="polite"></p>
          <div class="card calculating" id="calculating" data-testid="calculating" aria-hidden="true">
            <span class="spinner"></span>
            <span>{t("Ihre Preise werden berechnet …", "Calculating your prices …")}</span>
          </div>
          <form id="tariff-form" action="details.html" aria-labelledby="page-title">
            <ul class="tariff-list" id="tariff-list" data-testid="tariff-list" aria-busy="true" hidden>
{chr(10).join(cards)}
            </ul>
            <div class="form-actions">
              {back("consumption.html")}
            </div>
          </form>'''
    body = process("tariff", t("Wählen Sie Ihren Tarif", "Choose your tariff"),
                   t("Alle Preise inklusive 19 % Mehrwertsteuer, berechnet für Ihren Verbrauch.", "All prices include 19 % VAT, calculated for your consumption."), content)
    return layout(path, t("Tarif wählen", "Choose tariff"), "tariff", body, guide="tariff-switch", nav="switch")

def details_page(path):
    inp = lambda id, type="text", ac=None, extra="": f'<input id="{id}" name="{id}" type="{type}"' + (f' autocomplete="{ac}"' if ac else "") + f'{extra}>'
    content = f'''          <form class="card" id="details-form" data-testid="details-form" action="bank.html" novalidate>
            <h2>{t("Vertragspartner", "Account holder")}</h2>
            <div class="row">
{field("first-name", t("Vorname", "First name"), inp("first-name", ac="given-name", extra=" required"))}
{field("last-name", t("Nachname", "Last name"), inp("last-name", ac="family-name", extra=" required"))}
            </div>
{field("birth-date", t("Geburtsdatum", "Date of birth"), inp("birth-date", "date", "bday", ' class="short" required aria-describedby="birth-date-hint"'), t("Sie müssen volljährig sein.", "You must be 18 or older."))}
            <div class="row">
{field("email", t("E-Mail-Adresse", "Email address"), inp("email", "email", "email", ' required aria-describedby="email-hint" data-testid="email"'), t("Hierhin schicken wir die Auftragsbestätigung.", "We send the order confirmation here."))}
{field("phone", t("Telefon", "Phone"), inp("phone", "tel", "tel"), optional=True)}
            </div>
            <h2>{t("Lieferadresse", "Supply address")}</h2>
            <div class="row narrow-last">
{field("street", t("Straße", "Street"), inp("street", ac="address-line1", extra=" required"))}
{field("house-number", t("Hausnummer", "House no."), inp("house-number", extra=" required"))}
            </div>
            <div class="row narrow-first">
{field("address-postcode", t("Postleitzahl", "Postcode"), inp("address-postcode", ac="postal-code", extra=' inputmode="numeric" maxlength="5" required'))}
{field("city", t("Ort", "Town"), inp("city", ac="address-level2", extra=" required"))}
            </div>
{field("start-date", t("Gewünschter Lieferbeginn", "Preferred start of supply"), inp("start-date", "date", None, ' class="short" aria-describedby="start-date-hint"'), t("Leer lassen für den frühestmöglichen Termin (in etwa 14 Tagen). Wir kündigen Ihren alten Vertrag für Sie.", "Leave empty for the earliest date (in about 14 days). We cancel your old contract for you."), optional=True)}
            <div class="form-actions">
              {back("tariff.html")}
              <button class="button" type="submit" id="details-submit">{t("Weiter zur Bankverbindung", "Continue to bank details")}</button>
            </div>
          </form>'''
    body = process("details", t("Ihre persönlichen Daten", "Your personal details"),
                   t("Für den Vertrag und die Anmeldung beim Netzbetreiber.", "For the contract and the registration with the grid operator."), content)
    return layout(path, t("Persönliche Daten", "Personal details"), "details", body, guide="tariff-switch", nav="switch")

def bank_page(path):
    content = f'''          <form class="card" id="bank-form" data-testid="bank-form" action="review.html" novalidate>
{field("account-holder", t("Kontoinhaber/in", "Account holder"), '<input id="account-holder" name="account-holder" type="text" autocomplete="cc-name" required>')}
            <div class="field">
              <label for="iban">IBAN</label>
              <span class="hint" id="iban-hint">{t("22 Zeichen bei deutschen Konten, z. B. DE89 3704 0044 0532 0130 00.", "22 characters for German accounts, e.g. DE89 3704 0044 0532 0130 00.")}</span>
              <input class="mono" id="iban" name="iban" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="42" required aria-describedby="iban-hint" data-testid="iban">
              <p class="field-ok" id="iban-ok" hidden>{t("IBAN gültig", "IBAN is valid")}</p>
            </div>
{field("bic", "BIC", '<input class="mono short" id="bic" name="bic" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="11" aria-describedby="bic-hint">', t("Nur für Konten außerhalb Deutschlands nötig.", "Only needed for accounts outside Germany."), optional=True)}
            <h2>{t("SEPA-Lastschriftmandat", "SEPA direct debit mandate")}</h2>
            <p class="mandate-text" id="mandate-text">{t("Ich ermächtige die Stadtwerke Lotsenhafen GmbH (Gläubiger-ID DE98ZZZ09999999999), Zahlungen von meinem Konto mittels Lastschrift einzuziehen. Zugleich weise ich mein Kreditinstitut an, die Lastschriften einzulösen. Ich kann innerhalb von acht Wochen, beginnend mit dem Belastungsdatum, die Erstattung des belasteten Betrages verlangen. Die Mandatsreferenz teilen wir Ihnen separat mit. Datum:", "I authorise Stadtwerke Lotsenhafen GmbH (creditor ID DE98ZZZ09999999999) to collect payments from my account by direct debit and instruct my bank to pay them. I can request a refund within eight weeks of the debit date. We will send you the mandate reference separately. Date:")} <span id="mandate-date"></span></p>
            <div class="field check">
              <input id="sepa-mandate" name="sepa-mandate" type="checkbox" required aria-describedby="mandate-text" data-testid="sepa-mandate">
              <label for="sepa-mandate">{t("Ich erteile das SEPA-Lastschriftmandat.", "I grant the SEPA direct debit mandate.")}</label>
            </div>
            <div class="form-actions">
              {back("details.html")}
              <button class="button" type="submit" id="bank-submit">{t("Weiter zur Übersicht", "Continue to review")}</button>
            </div>
          </form>'''
    body = process("bank", t("Ihre Bankverbindung", "Your bank details"),
                   t("Den monatlichen Abschlag buchen wir bequem per SEPA-Lastschrift ab.", "We collect the monthly instalment by SEPA direct debit."), content)
    return layout(path, t("Bankverbindung", "Bank details"), "bank", body, guide="tariff-switch", nav="switch")

def review_page(path):
    def section(title, href, rows, testid=None):
        tid = f' data-testid="{testid}"' if testid else ""
        dl = "\n".join(f'                  <dt>{t(*k)}</dt><dd data-fill="{f}">–</dd>' for k, f in rows)
        return f'''              <section class="review-section"{tid} aria-labelledby="h-{href[:-5]}">
                <div class="review-head"><h2 id="h-{href[:-5]}">{t(*title)}</h2><a href="{href}">{t("Ändern", "Change")}<span class="visually-hidden"> – {t(*title)}</span></a></div>
                <dl>
{dl}
                </dl>
              </section>'''
    content = f'''          <div class="notice" id="missing-notice" tabindex="-1" hidden>
            <strong>{t("Noch nicht vollständig:", "Not complete yet:")}</strong>
            <ul></ul>
          </div>
          <div class="card" data-testid="review-summary" id="review-summary">
{section(("Tarif", "Tariff"), "tariff.html", [(("Tarif", "Tariff"), "r-tariff"), (("Postleitzahl", "Postcode"), "r-postcode"), (("Jahresverbrauch", "Annual consumption"), "r-kwh"), (("Monatlicher Abschlag", "Monthly instalment"), "r-monthly"), (("Voraussichtliche Jahreskosten", "Estimated annual cost"), "r-yearly")])}
{section(("Persönliche Daten", "Personal details"), "details.html", [(("Name", "Name"), "r-name"), (("Geburtsdatum", "Date of birth"), "r-birth"), (("E-Mail", "Email"), "r-email"), (("Telefon", "Phone"), "r-phone"), (("Lieferadresse", "Supply address"), "r-address"), (("Lieferbeginn", "Start of supply"), "r-start")])}
{section(("Bankverbindung", "Bank details"), "bank.html", [(("Kontoinhaber/in", "Account holder"), "r-holder"), (("IBAN", "IBAN"), "r-iban"), (("BIC", "BIC"), "r-bic")])}
          </div>
          <form class="card" id="confirm-form" data-testid="confirm-form" action="done.html" novalidate>
            <div class="field check">
              <input id="accept-terms" name="accept-terms" type="checkbox" required data-testid="accept-terms">
              <label for="accept-terms">{t("Ich akzeptiere die AGB und habe die Widerrufsbelehrung gelesen.", "I accept the terms and conditions and have read the cancellation policy.")}</label>
            </div>
            <div class="field check">
              <input id="newsletter" name="newsletter" type="checkbox">
              <label for="newsletter">{t("Ich möchte Energiespartipps per E-Mail erhalten (jederzeit abbestellbar).", "Send me energy-saving tips by email (unsubscribe any time).")} <span class="optional-note">({t("optional", "optional")})</span></label>
            </div>
            <div class="form-actions">
              {back("bank.html")}
              <button class="button primary-action" type="submit" id="confirm-button" data-testid="confirm-button">{t("Zahlungspflichtig bestellen", "Place order with obligation to pay")}</button>
            </div>
          </form>'''
    body = process("review", t("Prüfen und bestellen", "Review and order"),
                   t("Bitte prüfen Sie Ihre Angaben. Mit Klick auf „Zahlungspflichtig bestellen“ schließen Sie den Vertrag ab.", "Please check your details. Clicking “Place order with obligation to pay” concludes the contract."), content)
    return layout(path, t("Prüfen und bestellen", "Review and order"), "review", body, guide="tariff-switch", nav="switch")

def done_page(path):
    body = f'''  <main id="main" class="page">
    <div class="wrap">
      <div class="layout single">
        <div class="card" data-testid="order-confirmation" id="order-confirmation">
          <div class="notice" id="no-order-notice" hidden>{t("Wir haben in dieser Sitzung keine Bestellung gefunden.", "We found no order in this session.")} <a href="consumption.html">{t("Tarif wechseln", "Switch tariff")}</a></div>
          <div id="order-details">
            <div class="success-mark" aria-hidden="true">✓</div>
            <h1 id="done-title">{t("Vielen Dank", "Thank you")}<span data-fill="o-first-name"></span>!</h1>
            <p>{t("Ihr Auftrag ist eingegangen. Ihre Auftragsnummer:", "We have received your order. Your order number:")} <span class="reference" id="order-number" data-testid="order-number" data-fill="o-number">–</span></p>
            <div class="review-section">
              <dl>
                <dt>{t("Tarif", "Tariff")}</dt><dd data-fill="o-tariff">–</dd>
                <dt>{t("Monatlicher Abschlag", "Monthly instalment")}</dt><dd data-fill="o-monthly">–</dd>
                <dt>{t("Lieferbeginn", "Start of supply")}</dt><dd data-fill="o-start">–</dd>
                <dt>{t("Bestätigung an", "Confirmation sent to")}</dt><dd data-fill="o-email">–</dd>
              </dl>
            </div>
            <h2>{t("So geht es weiter", "What happens next")}</h2>
            <ol class="next-steps">
              <li>{t("Sie erhalten in wenigen Minuten eine Bestätigung per E-Mail.", "You will receive a confirmation email in a few minutes.")}</li>
              <li>{t("Wir kündigen Ihren bisherigen Vertrag und melden Sie beim Netzbetreiber an.", "We cancel your current contract and register you with the grid operator.")}</li>
              <li>{t("Zum Lieferbeginn bitten wir Sie um Ihren Zählerstand.", "At the start of supply we will ask for your meter reading.")}</li>
            </ol>
            <p><a class="button" href="{home()}">{t("Zur Startseite", "Back to home")}</a></p>
          </div>
        </div>
      </div>
    </div>
  </main>'''
    return layout(path, t("Auftrag bestätigt", "Order confirmed"), "done", body, guide="tariff-switch", nav="switch")

def meter_page(path):
    content = f'''  <main id="main" class="page">
    <div class="wrap">
      <div class="page-head">
        <h1 id="page-title">{t("Zählerstand melden", "Submit your meter reading")}</h1>
        <p>{t("Damit Ihre Abrechnung stimmt: Zählernummer und aktuellen Stand eintragen, fertig.", "Keep your bill accurate: enter meter number and current reading, done.")}</p>
        <button type="button" class="help-button" id="meter-guide-launcher">{t("Zeig mir, wie es geht", "Show me how")}</button>
      </div>
      <div class="layout single">
        <form class="card" id="meter-form" data-testid="meter-form" action="done.html" novalidate>
{field("meter-number", t("Zählernummer", "Meter number"), '<input class="mono" id="meter-number" name="meter-number" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="16" required aria-describedby="meter-number-hint" data-testid="meter-number">', t("Steht auf dem Typenschild des Zählers und auf Ihrer Rechnung, z. B. 1ESY1160123456.", "On the meter's rating plate and on your bill, e.g. 1ESY1160123456."))}
            <div class="field">
              <label for="meter-type">{t("Zählerart", "Meter type")}</label>
              <select id="meter-type" name="meter-type" required>
                <option value="power">{t("Strom", "Electricity")}</option>
                <option value="gas">{t("Gas", "Gas")}</option>
              </select>
            </div>
            <div class="field">
              <label for="reading">{t("Zählerstand", "Meter reading")}</label>
              <span class="hint" id="reading-hint">{t("Nur die Zahlen vor dem Komma, ohne die rot markierten Stellen.", "Only the digits before the decimal point, without the red digits.")}</span>
              <div class="with-unit">
                <input class="mono" id="reading" name="reading" type="text" inputmode="numeric" maxlength="9" required aria-describedby="reading-hint" data-testid="reading">
                <span class="unit" id="reading-unit" aria-hidden="true">kWh</span>
              </div>
            </div>
{field("reading-date", t("Ablesedatum", "Date of reading"), '<input class="short" id="reading-date" name="reading-date" type="date" required aria-describedby="reading-date-hint" data-testid="reading-date">', t("Heute oder bis zu 60 Tage zurück.", "Today or up to 60 days ago."))}
            <div class="form-actions">
              <a class="back-link" href="{home()}">← {t("Zur Startseite", "Home")}</a>
              <button class="button" type="submit" id="meter-submit">{t("Zählerstand senden", "Submit reading")}</button>
            </div>
          </form>
      </div>
    </div>
  </main>'''
    return layout(path, t("Zählerstand melden", "Meter reading"), "meter", content, guide="meter-reading", nav="meter")

def meter_done_page(path):
    body = f'''  <main id="main" class="page">
    <div class="wrap">
      <div class="layout single">
        <div class="card" data-testid="meter-confirmation" id="meter-confirmation">
          <div class="notice" id="no-reading-notice" hidden>{t("In dieser Sitzung wurde noch kein Zählerstand gemeldet.", "No meter reading was submitted in this session.")} <a href="reading.html">{t("Zählerstand melden", "Submit meter reading")}</a></div>
          <div id="reading-details">
            <div class="success-mark" aria-hidden="true">✓</div>
            <h1 id="done-title">{t("Zählerstand erhalten", "Meter reading received")}</h1>
            <p>{t("Vielen Dank! Ihre Vorgangsnummer:", "Thank you! Your reference:")} <span class="reference" id="reading-reference" data-testid="reading-reference" data-fill="m-reference">–</span></p>
            <div class="review-section">
              <dl>
                <dt>{t("Zählernummer", "Meter number")}</dt><dd data-fill="m-number">–</dd>
                <dt>{t("Zählerart", "Meter type")}</dt><dd data-fill="m-type">–</dd>
                <dt>{t("Zählerstand", "Reading")}</dt><dd data-fill="m-reading">–</dd>
                <dt>{t("Ablesedatum", "Date of reading")}</dt><dd data-fill="m-date">–</dd>
              </dl>
            </div>
            <p>{t("Wir berücksichtigen den Stand bei Ihrer nächsten Abrechnung.", "We will use this reading for your next bill.")}</p>
            <p><a class="button" href="{home()}">{t("Zur Startseite", "Back to home")}</a></p>
          </div>
        </div>
      </div>
    </div>
  </main>'''
    return layout(path, t("Zählerstand erhalten", "Reading received"), "meter-done", body, guide="meter-reading", nav="meter")

PAGES = [("switch/consumption.html", consumption_page), ("switch/tariff.html", tariff_page),
         ("switch/details.html", details_page), ("switch/bank.html", bank_page),
         ("switch/review.html", review_page), ("switch/done.html", done_page),
         ("meter/reading.html", meter_page), ("meter/done.html", meter_done_page)]

for lang in ["de", "en"]:
    L = lang
    for rel, fn in PAGES:
        path = f"/{lang}/{rel}"
        out = ROOT + path
        os.makedirs(os.path.dirname(out), exist_ok=True)
        open(out, "w").write(fn(path))
    path = "/index.html" if lang == "en" else "/de/index.html"
    open(ROOT + path, "w").write(index_page(path))

if CHECK:
    stale = []
    for dirpath, _, files in os.walk(ROOT):
        for name in files:
            made = os.path.join(dirpath, name)
            rel = os.path.relpath(made, ROOT)
            if not filecmp.cmp(made, os.path.join(WWW, rel), shallow=False):
                stale.append(rel)
    if stale:
        print("www pages differ from www/generate.py: " + ", ".join(sorted(stale)))
        print("edit the template in www/generate.py, then run: python3 www/generate.py")
        sys.exit(1)
    print("www pages match www/generate.py")
else:
    print("www pages written")
