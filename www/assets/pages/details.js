// Switch step 3: personal details and supply address.

import * as check from "../checks.js";
import { bindForm, go } from "../form.js";
import { load, save, SWITCH } from "../store.js";

const FIELDS = [
  { id: "first-name", check: check.personName },
  { id: "last-name", check: check.personName },
  { id: "birth-date", check: check.birthDate },
  { id: "email", check: check.email },
  { id: "phone", check: check.phone, required: false },
  { id: "street" },
  { id: "house-number", check: check.houseNumber },
  { id: "address-postcode", check: check.postcode },
  { id: "city", check: check.personName },
  { id: "start-date", check: check.startDate, required: false },
];

export function init() {
  const form = document.getElementById("details-form");
  const state = load(SWITCH);
  const saved = state.details ?? {};
  for (const { id } of FIELDS) {
    const input = document.getElementById(id);
    if (input && saved[id]) input.value = saved[id];
  }
  const postcode = document.getElementById("address-postcode");
  if (!postcode.value && state.postcode) postcode.value = state.postcode;

  const birth = document.getElementById("birth-date");
  birth.max = check.today();
  const start = document.getElementById("start-date");
  start.min = check.today(check.EARLIEST_START_DAYS);
  start.max = check.today(365);

  bindForm(form, FIELDS, (values) => {
    save(SWITCH, { details: values });
    go("bank.html");
  });
}
