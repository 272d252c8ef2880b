import "./styles/main.scss";
import { mount } from "svelte";
import App from "./App.svelte";

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

// GOV.UK Frontend styles some things differently once it knows scripts run.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

export default mount(App, { target });
