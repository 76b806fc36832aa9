using HyperDsl.Cli.Report;
using Giraffe.ViewEngine;

namespace HyperDsl.Cli.Serve;

/// <summary>
/// The live page of <c>hyp serve</c>: plotly.js and the script inlined (it needs nothing from the
/// network but its own server), the report's views drawn from <c>/api/views</c>, redrawn when
/// <c>/api/version</c> says the trials changed, and a trial table that sorts and filters in the page.
/// The script puts text from the study in with <c>textContent</c> only.
/// </summary>
internal static class LivePage
{
    /// <summary>
    /// A plot's div has plotly's default height: a responsive plot takes its div's height when the
    /// window resizes, and a div sized only by its content collapses to nothing there.
    /// </summary>
    private const string Style = """
        #status { position: sticky; top: 0; background: #fff; padding: 0.3em 0; margin: 0; }
        #trial-filter { margin: 0.5em 0; width: 20em; } table.trials th { cursor: pointer; user-select: none; }
        table.trials th.sorted-up::after { content: " \25B2"; } table.trials th.sorted-down::after { content: " \25BC"; }
        tr.best td:first-child { font-weight: bold; }
        div.live-plot { height: 450px; }
        """;

    public static string Render(LiveSnapshot snapshot, string storeLocation)
    {
        var data = snapshot.Data.Value;
        var body = new[]
        {
            HtmlElements.rawText($"<div id=\"header\">{HtmlReport.Header(data, storeLocation)}</div>"),
            HtmlElements.rawText("<p id=\"status\" class=\"note\">Loading the views…</p><nav id=\"nav\"></nav><div id=\"views\"></div>"),
            HtmlElements.rawText("""
                <section id="view-trials"><h2>Trials</h2>
                <p class="note">* marks the best trial (the Pareto front with several objectives). Click a heading to sort; type to keep the rows that contain the text; click a number for the trial's page.</p>
                <input id="trial-filter" type="search" placeholder="Filter trials (e.g. pruned)" aria-label="Filter trials">
                <table class="trials" id="trial-table"><thead></thead><tbody></tbody></table></section>
                """),
            HtmlElements.rawText(HtmlReport.SpecSection(data)),
            HtmlElements.rawText($"<script>{Script}</script>"),
        };
        return HtmlReport.Document(
            $"{data.Version.StudyName}: live HyperDsl study",
            $"The trials of study '{data.Version.StudyName}', live from hyp serve.",
            body,
            Style);
    }

    /// <summary>Polls the version each second; on a change, fetches the views and redraws them in place (Plotly.react keeps the plots' elements).</summary>
    private const string Script = """
        (function () {
          'use strict';
          var config = { responsive: true, displaylogo: false };
          var shown = null, table = { headings: [], rows: [] }, sortColumn = 0, sortDown = false;
          var status = document.getElementById('status');
          var filter = document.getElementById('trial-filter');

          function element(tag, text) {
            var e = document.createElement(tag);
            if (text !== undefined) { e.textContent = text; }
            return e;
          }

          function drawSections(sections) {
            var views = document.getElementById('views'), nav = document.getElementById('nav');
            var keep = {};
            nav.replaceChildren();
            sections.forEach(function (section) {
              var id = 'view-' + section.key;
              keep[id] = true;
              var link = element('a', section.title);
              link.href = '#' + id;
              nav.appendChild(link);
              var node = document.getElementById(id);
              if (!node) {
                node = element('section');
                node.id = id;
                node.appendChild(element('h2', section.title));
                node.appendChild(element('p'));
                node.lastChild.className = 'note';
              }
              views.appendChild(node);
              node.firstChild.textContent = section.title;
              var note = node.children[1];
              note.textContent = section.figures.length === 0 ? section.note : '';
              note.hidden = section.figures.length > 0;
              var plots = Array.prototype.slice.call(node.querySelectorAll(':scope > div.live-plot'));
              section.figures.forEach(function (figure, i) {
                var plot = plots[i];
                if (!plot) {
                  plot = element('div');
                  plot.className = 'live-plot';
                  node.appendChild(plot);
                }
                Plotly.react(plot, figure.data, figure.layout, config);
              });
              plots.slice(section.figures.length).forEach(function (plot) { Plotly.purge(plot); plot.remove(); });
            });
            Array.prototype.slice.call(views.children).forEach(function (node) {
              if (!keep[node.id]) { node.remove(); }
            });
            ['Trials', 'Spec'].forEach(function (title) {
              var link = element('a', title);
              link.href = '#view-' + title.toLowerCase();
              nav.appendChild(link);
            });
          }

          function compare(a, b) {
            var x = a === '' ? NaN : Number(a), y = b === '' ? NaN : Number(b);
            if (!isNaN(x) && !isNaN(y)) { return x - y; }
            if (!isNaN(x)) { return -1; }
            if (!isNaN(y)) { return 1; }
            return a < b ? -1 : a > b ? 1 : 0;
          }

          function cellsOf(row) { return [String(row.number)].concat(row.cells); }

          function drawTable() {
            var head = document.querySelector('#trial-table thead'), body = document.querySelector('#trial-table tbody');
            var headings = ['#'].concat(table.headings);
            var tr = element('tr');
            headings.forEach(function (heading, column) {
              var th = element('th', heading);
              if (column === sortColumn) { th.className = sortDown ? 'sorted-down' : 'sorted-up'; }
              th.addEventListener('click', function () {
                sortDown = column === sortColumn ? !sortDown : false;
                sortColumn = column;
                drawTable();
              });
              tr.appendChild(th);
            });
            head.replaceChildren(tr);
            var words = filter.value.trim().toLowerCase();
            var rows = table.rows.filter(function (row) {
              return words === '' || cellsOf(row).some(function (cell) { return cell.toLowerCase().indexOf(words) >= 0; });
            });
            rows.sort(function (a, b) {
              var order = compare(cellsOf(a)[sortColumn] || '', cellsOf(b)[sortColumn] || '');
              return sortDown ? -order : order;
            });
            body.replaceChildren.apply(body, rows.map(function (row) {
              var tr = element('tr');
              tr.dataset.trial = String(row.number);
              if (row.best) { tr.className = 'best'; }
              var first = element('td'), link = element('a', String(row.number));
              link.href = '/trial/' + encodeURIComponent(String(row.number));
              first.appendChild(link);
              if (row.best) { first.appendChild(document.createTextNode(' *')); }
              tr.appendChild(first);
              row.cells.forEach(function (cell) { tr.appendChild(element('td', cell)); });
              return tr;
            }));
          }

          function fetchJson(url) {
            return fetch(url, { cache: 'no-store' }).then(function (response) {
              if (!response.ok) {
                return response.text().then(function (text) { throw new Error(text || response.statusText); });
              }
              return response.json();
            });
          }

          function poll() {
            fetchJson('/api/version').then(function (version) {
              var changed = version.version !== shown;
              var done = changed ? fetchJson('/api/views').then(function (views) {
                document.getElementById('header').innerHTML = views.header;
                drawSections(views.sections);
                table = views.trials;
                drawTable();
                shown = views.version;
              }) : Promise.resolve();
              return done.then(function () {
                status.textContent = 'Live: ' + version.trials + ' trials, ' + version.finished + ' finished' +
                  (version.lastChange ? ', last change ' + version.lastChange : '') + '. Checked ' + new Date().toLocaleTimeString() + '.';
              });
            }).catch(function (error) {
              status.textContent = 'Cannot reach hyp serve (' + error.message + '); trying again.';
            }).then(function () { setTimeout(poll, 1000); });
          }

          filter.addEventListener('input', drawTable);
          poll();
        })();
        """;
}
