package io.turnout.agent.http;

/** The status page's stylesheet, inline so that the page is one self-contained response. */
final class StatusPageStyle {
    private StatusPageStyle() {}

    static final String CSS = """
            :root { --blue: #1f6feb; --green: #2da44e; --red: #cf222e; --amber: #bf8700; --grey: #6e7781;
                    --line: #d0d7de; --bg: #f6f8fa; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
                   color: #1f2328; background: var(--bg); }
            header { padding: 16px 24px; background: #24292f; color: #fff; }
            header h1 { margin: 0; font-size: 22px; }
            header .meta { margin: 4px 0 0; color: #c9d1d9; }
            nav a { color: #9ecbff; margin-right: 12px; }
            main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
            .env { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
            .env h2 { margin: 0 0 8px; font-size: 20px; }
            h3 { margin: 18px 0 6px; font-size: 15px; }
            .badge { display: inline-block; font-size: 12px; font-weight: 600; padding: 2px 8px; border-radius: 10px;
                     vertical-align: middle; }
            .badge.policy { background: #eaeef2; color: #424a53; }
            .badge.deploying { background: var(--amber); color: #fff; }
            .badge.waiting { background: #8250df; color: #fff; }
            .approval { border: 1px solid #8250df; border-radius: 6px; padding: 8px 12px; margin: 12px 0; background: #fbefff; }
            .approval form { display: inline; }
            .approval button, form.decide button { font: inherit; padding: 4px 12px; border-radius: 6px; border: 1px solid #8250df;
                background: #8250df; color: #fff; cursor: pointer; }
            form.decide label { display: block; margin: 8px 0; }
            form.decide button.reject { background: #fff; color: #cf222e; border-color: #cf222e; }
            .facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
            .facts dt { color: var(--grey); }
            .facts dd { margin: 0; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { background: var(--bg); font-weight: 600; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            td time { white-space: nowrap; }
            td.name { font-weight: 600; }
            td.slot { text-align: center; white-space: nowrap; }
            td.slot.blue { background: var(--blue); color: #fff; font-weight: 700; }
            td.slot.green { color: var(--green); }
            td.slot.na { color: var(--grey); }
            code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
            pre.plan { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px;
                       overflow-x: auto; font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
            .none { color: var(--grey); }
            .empty { font-size: 16px; color: var(--grey); padding: 32px 0; text-align: center; }
            ul.drift { margin: 0; padding-left: 20px; color: var(--amber); }
            .outcome { font-weight: 700; font-size: 12px; padding: 1px 6px; border-radius: 4px; color: #fff; }
            .outcome.applied { background: var(--green); }
            .outcome.failed { background: var(--red); }
            .outcome.invalid { background: var(--amber); }
            .outcome.superseded { background: var(--grey); }
            .outcome.planned { background: var(--blue); }
            .result { font-weight: 600; font-size: 12px; white-space: nowrap; }
            .result.applied { color: var(--green); }
            .result.rolled_back, .result.failed { color: var(--red); }
            .result.skipped { color: var(--amber); }
            .services-outcome { font-weight: 600; margin-bottom: 2px; }
            td.last .detail { color: var(--grey); font-size: 12px; }
            .banner { border-radius: 6px; padding: 8px 12px; margin: 8px 0; border: 1px solid; }
            .banner.problem { background: #ffebe9; border-color: var(--red); color: #82071e; }
            .banner.head { background: #fff8c5; border-color: var(--amber); color: #4d2d00; }
            .banner .when { display: block; font-size: 12.5px; color: #57606a; margin-top: 2px; }
            """;
}
