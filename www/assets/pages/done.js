// Switch done page: the confirmation of the placed order.

import { date, euro, t } from "../i18n.js";
import { fill } from "../form.js";
import { load, ORDER } from "../store.js";
import { byId, price } from "../tariffs.js";

export function init() {
  const order = load(ORDER);
  const found = Boolean(order.orderNo);
  document.getElementById("no-order-notice").hidden = found;
  document.getElementById("order-details").hidden = !found;
  if (!found) return;
  const tariff = byId(order.tariff);
  const d = order.details ?? {};
  fill(document, {
    "o-number": order.orderNo,
    "o-first-name": d["first-name"] ? `, ${d["first-name"]}` : undefined,
    "o-email": d.email,
    "o-tariff": tariff?.name,
    "o-monthly": tariff ? euro(price(tariff, order.kwh, order.postcode).monthly, 0) : undefined,
    "o-start": d["start-date"] ? date(d["start-date"]) : t("asap"),
  });
}
