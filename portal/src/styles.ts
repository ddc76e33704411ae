import { css } from "lit";

/**
 * The element's look. Vendors theme it with the --lk-* custom properties, set on the element or any ancestor; each has
 * a default here (the --_* twin the rules use), and the defaults meet WCAG AA contrast (4.5:1 for text, 3:1 for
 * borders and focus rings) on the default background.
 */
export const styles = css`
  :host {
    --_font: var(--lk-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
    --_text: var(--lk-text, #1f2328);
    --_muted: var(--lk-muted, #4d5561);
    --_background: var(--lk-background, #ffffff);
    --_surface: var(--lk-surface, #f6f8fa);
    --_border: var(--lk-border, #8c959f);
    --_primary: var(--lk-primary, #0a58ca);
    --_on-primary: var(--lk-on-primary, #ffffff);
    --_danger: var(--lk-danger, #b42318);
    --_on-danger: var(--lk-on-danger, #ffffff);
    --_focus: var(--lk-focus, #0a58ca);
    --_radius: var(--lk-radius, 6px);
    display: block;
    font-family: var(--_font);
    color: var(--_text);
    background: var(--_background);
    line-height: 1.45;
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: border-box; }
  h2 { font-size: 1.35rem; margin: 0 0 0.25rem; }
  h3 { font-size: 1.1rem; margin: 0; }
  p { margin: 0.25rem 0 0.75rem; }
  .muted { color: var(--_muted); }
  header { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; justify-content: space-between; margin-bottom: 1rem; }
  button {
    font: inherit; cursor: pointer; border-radius: var(--_radius); padding: 0.45rem 0.9rem;
    border: 1px solid var(--_border); background: var(--_background); color: var(--_text);
  }
  button.primary { background: var(--_primary); border-color: var(--_primary); color: var(--_on-primary); }
  button.danger { background: var(--_danger); border-color: var(--_danger); color: var(--_on-danger); }
  button:disabled { opacity: 0.6; cursor: not-allowed; }
  button:focus-visible, input:focus-visible, select:focus-visible, [role="tab"]:focus-visible {
    outline: 3px solid var(--_focus); outline-offset: 2px;
  }
  [role="tablist"] { display: flex; gap: 0.25rem; border-bottom: 1px solid var(--_border); margin-bottom: 1rem; }
  [role="tab"] { border: none; border-bottom: 3px solid transparent; border-radius: 0; background: none; padding: 0.5rem 0.75rem; }
  [role="tab"][aria-selected="true"] { border-bottom-color: var(--_primary); font-weight: 600; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: 0.55rem 0.5rem; border-bottom: 1px solid var(--_border); vertical-align: top; }
  th { font-size: 0.85rem; color: var(--_muted); font-weight: 600; }
  td .secondary { display: block; font-size: 0.85rem; color: var(--_muted); }
  code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
  .actions { text-align: right; white-space: nowrap; }
  .actions > div { position: relative; display: inline-block; }
  .menu {
    position: absolute; right: 0; top: 100%; z-index: 2; min-width: 11rem; padding: 0.25rem;
    background: var(--_background); border: 1px solid var(--_border); border-radius: var(--_radius);
    box-shadow: 0 4px 12px rgb(0 0 0 / 15%);
  }
  .menu button { width: 100%; text-align: left; border: none; }
  .menu button.danger-text { color: var(--_danger); background: none; }
  .empty { padding: 1.5rem; text-align: center; background: var(--_surface); border-radius: var(--_radius); }
  .alert { border: 1px solid var(--_danger); color: var(--_danger); background: var(--_background); padding: 0.6rem 0.8rem; border-radius: var(--_radius); margin: 0.5rem 0; }
  .warning { border-left: 4px solid var(--_danger); background: var(--_surface); padding: 0.6rem 0.8rem; margin: 0.75rem 0; font-weight: 600; }
  dialog {
    width: min(36rem, calc(100vw - 1.5rem)); max-height: calc(100vh - 2rem); border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 2); padding: 1.25rem; color: var(--_text); background: var(--_background);
  }
  dialog::backdrop { background: rgb(0 0 0 / 45%); }
  form, .field { display: grid; gap: 0.35rem; }
  form { gap: 1rem; }
  label, legend { font-weight: 600; }
  fieldset { border: none; margin: 0; padding: 0; display: grid; gap: 0.35rem; }
  .choice { display: flex; gap: 0.5rem; align-items: flex-start; font-weight: normal; }
  .choice input { margin-top: 0.3rem; }
  input[type="text"], select {
    font: inherit; padding: 0.45rem 0.6rem; border: 1px solid var(--_border); border-radius: var(--_radius);
    color: var(--_text); background: var(--_background); width: 100%;
  }
  [aria-invalid="true"] { border-color: var(--_danger); }
  .error { color: var(--_danger); font-size: 0.9rem; }
  .hint { color: var(--_muted); font-size: 0.9rem; }
  .hint.block { display: block; }
  .buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; justify-content: flex-end; margin-top: 0.5rem; }
  .secret { display: flex; gap: 0.5rem; }
  .secret input { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

  /* A phone: every row becomes a card, each cell labelled. */
  @media (max-width: 640px) {
    thead { display: none; }
    table, tbody, tr, td { display: block; width: 100%; }
    tr { border: 1px solid var(--_border); border-radius: var(--_radius); margin-bottom: 0.75rem; padding: 0.25rem 0.5rem; }
    td { border: none; display: grid; grid-template-columns: 7rem 1fr; gap: 0.5rem; padding: 0.3rem 0; }
    td::before { content: attr(data-label); font-weight: 600; color: var(--_muted); font-size: 0.85rem; }
    td.actions { text-align: left; }
    .menu { left: 0; right: auto; }
    .secret { flex-direction: column; }
  }
`;
