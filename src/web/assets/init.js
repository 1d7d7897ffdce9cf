// Progressive enhancement only: every page works without this file.
// Marks the body as able to run GOV.UK Frontend's components, then starts them.
import { initAll } from '/assets/govuk-frontend.min.js'
document.body.classList.add('govuk-frontend-supported')
initAll()
