/*
 * The attack map's scatter: reads the JSON block of its own <section>, draws the points on a canvas,
 * shows the hovered attack in a tooltip, filters by model type and size. Text from the data is only
 * ever set with textContent or drawn with fillText, never parsed as HTML. Scroll zooms, drag pans,
 * double-click resets. Cluster labels are drawn largest cluster first; one that would overlap a label
 * already drawn is left out (zoom in to see it; every cluster is in the table). section.attackMap exposes screen(i) and visibleCount() for tests and scripts.
 */
(function () {
  'use strict';
  var section = document.currentScript.closest('section.attack-map');
  var data = JSON.parse(section.querySelector('script.am-data').textContent);
  var plot = section.querySelector('.am-plot');
  var points = section.querySelector('canvas.am-points');
  var overlay = section.querySelector('canvas.am-overlay');
  var tip = section.querySelector('.am-tip');
  var status = section.querySelector('.am-status');
  var n = data.x.length;
  var visible = new Uint8Array(n);
  var on = { type: data.types.map(function () { return true; }), size: data.sizes.map(function () { return true; }) };
  var view = { scale: 1, dx: 0, dy: 0 };
  var bins = colourBins();
  var grid = null;
  var width = 0;
  var height = 0;
  var drag = null;
  var fit = 1;

  /* The initial view fits the middle 99% of the points on each axis: a few outliers must not shrink the rest. */
  function quantiles(values) {
    var sorted = Float64Array.from(values).sort();
    var k = Math.floor(0.005 * (sorted.length - 1));
    return sorted.length ? [sorted[k], sorted[sorted.length - 1 - k]] : [0, 1];
  }
  var boundsX = quantiles(data.x), boundsY = quantiles(data.y);
  var minX = boundsX[0], maxX = boundsX[1], minY = boundsY[0], maxY = boundsY[1];

  /* Colour by min harmlessness on a diverging red–white–blue scale, clamped to ±data.scale; grey = no score. */
  function colourBins() {
    var steps = 10, list = [], i;
    for (i = -steps; i <= steps; i++) {
      list.push({ t: i / steps, colour: diverging(i / steps), members: [] });
    }
    list.push({ t: null, colour: 'rgb(160,160,160)', members: [] });
    for (i = 0; i < n; i++) {
      var h = data.h[i];
      if (h === null) {
        list[list.length - 1].members.push(i);
      } else {
        var t = Math.max(-1, Math.min(1, h / data.scale));
        list[Math.round(t * steps) + steps].members.push(i);
      }
    }
    var grey = list.pop();
    list.sort(function (a, b) { return Math.abs(a.t) - Math.abs(b.t); });
    list.unshift(grey);
    return list;
  }

  function diverging(t) {
    var white = [247, 247, 247], red = [178, 24, 43], blue = [33, 102, 172];
    var end = t < 0 ? red : blue, a = Math.abs(t);
    return 'rgb(' + white.map(function (w, k) { return Math.round(w + (end[k] - w) * a); }).join(',') + ')';
  }

  function fitScale() {
    var pad = 24, spanX = Math.max(maxX - minX, 1e-6), spanY = Math.max(maxY - minY, 1e-6);
    return Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  }

  /* Canvas position (CSS pixels) of data point (x, y): fitted, y up, then the user's zoom and pan. */
  function project(x, y) {
    var sx = width / 2 + (x - (minX + maxX) / 2) * fit;
    var sy = height / 2 - (y - (minY + maxY) / 2) * fit;
    return [sx * view.scale + view.dx, sy * view.scale + view.dy];
  }

  function screen(i) {
    return project(data.x[i], data.y[i]);
  }

  function resize() {
    width = plot.clientWidth;
    height = plot.clientHeight;
    fit = fitScale();
    var ratio = window.devicePixelRatio || 1;
    [points, overlay].forEach(function (c) {
      c.width = Math.round(width * ratio);
      c.height = Math.round(height * ratio);
      c.getContext('2d').setTransform(ratio, 0, 0, ratio, 0, 0);
    });
  }

  function draw() {
    var ctx = points.getContext('2d');
    ctx.clearRect(0, 0, width, height);
    ctx.globalAlpha = 0.85;
    grid = {};
    var shown = 0, r = 2.5;
    bins.forEach(function (bin) {
      ctx.fillStyle = bin.colour;
      ctx.beginPath();
      bin.members.forEach(function (i) {
        if (!visible[i]) { return; }
        var p = screen(i);
        if (p[0] < -r || p[1] < -r || p[0] > width + r || p[1] > height + r) { return; }
        ctx.moveTo(p[0] + r, p[1]);
        ctx.arc(p[0], p[1], r, 0, 2 * Math.PI);
        var key = Math.floor(p[0] / 10) + ',' + Math.floor(p[1] / 10);
        (grid[key] = grid[key] || []).push(i);
        shown++;
      });
      ctx.fill();
    });
    ctx.globalAlpha = 1;
    drawClusterLabels(ctx);
    var total = 0;
    for (var i = 0; i < n; i++) { total += visible[i]; }
    status.textContent = 'Showing ' + total.toLocaleString('en') + ' of ' + n.toLocaleString('en') + ' attacks'
        + (shown < total ? ' (' + shown.toLocaleString('en') + ' in view)' : '');
  }

  function drawClusterLabels(ctx) {
    ctx.font = 'bold 12px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    var placed = [];
    data.clusters.forEach(function (c) {
      var p = project(c.x, c.y);
      var text = c.terms.slice(0, 3).join(' \u00b7 ');
      var w = ctx.measureText(text).width + 6, box = [p[0] - w / 2, p[1] - 9, p[0] + w / 2, p[1] + 9];
      var overlaps = placed.some(function (b) { return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]; });
      if (overlaps) { return; }
      placed.push(box);
      ctx.lineWidth = 4;
      ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.strokeText(text, p[0], p[1]);
      ctx.fillStyle = '#111';
      ctx.fillText(text, p[0], p[1]);
    });
  }

  function nearest(mx, my) {
    var best = -1, bestD = 8 * 8;
    var cx = Math.floor(mx / 10), cy = Math.floor(my / 10);
    for (var gx = cx - 1; gx <= cx + 1; gx++) {
      for (var gy = cy - 1; gy <= cy + 1; gy++) {
        (grid[gx + ',' + gy] || []).forEach(function (i) {
          var p = screen(i), d = (p[0] - mx) * (p[0] - mx) + (p[1] - my) * (p[1] - my);
          if (d < bestD) { bestD = d; best = i; }
        });
      }
    }
    return best;
  }

  function formatScore(h) {
    return h === null ? 'no score' : (h >= 0 ? '+' : '\u2212') + Math.abs(h).toFixed(2);
  }

  function showTip(i, mx, my) {
    var ctx = overlay.getContext('2d');
    ctx.clearRect(0, 0, width, height);
    if (i < 0) {
      tip.hidden = true;
      return;
    }
    var p = screen(i);
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(p[0], p[1], 5, 0, 2 * Math.PI);
    ctx.stroke();
    var cluster = data.clusters[data.c[i]];
    tip.querySelector('.am-tip-text').textContent = data.l[i];
    tip.querySelector('.am-tip-meta').textContent = data.types[data.t[i]] + ' \u00b7 ' + data.sizes[data.s[i]]
        + ' \u00b7 min harmlessness ' + formatScore(data.h[i])
        + ' \u00b7 cluster ' + cluster.id + ': ' + cluster.terms.join(', ');
    tip.hidden = false;
    var left = mx + 14, top = my + 14;
    if (left + tip.offsetWidth > width) { left = Math.max(0, mx - 14 - tip.offsetWidth); }
    if (top + tip.offsetHeight > height) { top = Math.max(0, my - 14 - tip.offsetHeight); }
    tip.style.left = left + 'px';
    tip.style.top = top + 'px';
  }

  function filter() {
    section.querySelectorAll('input.am-toggle').forEach(function (box) {
      on[box.dataset.group][Number(box.dataset.index)] = box.checked;
    });
    for (var i = 0; i < n; i++) {
      visible[i] = on.type[data.t[i]] && on.size[data.s[i]] ? 1 : 0;
    }
    draw();
    showTip(-1);
  }

  function mouse(e) {
    var rect = plot.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top];
  }

  plot.addEventListener('mousemove', function (e) {
    var m = mouse(e);
    if (drag) {
      view.dx = drag.dx + m[0] - drag.x;
      view.dy = drag.dy + m[1] - drag.y;
      draw();
      return;
    }
    showTip(nearest(m[0], m[1]), m[0], m[1]);
  });
  plot.addEventListener('mouseleave', function () { drag = null; showTip(-1); });
  plot.addEventListener('mousedown', function (e) {
    var m = mouse(e);
    drag = { x: m[0], y: m[1], dx: view.dx, dy: view.dy };
    showTip(-1);
  });
  window.addEventListener('mouseup', function () { drag = null; });
  plot.addEventListener('wheel', function (e) {
    e.preventDefault();
    var m = mouse(e), factor = Math.exp(-e.deltaY * 0.0015);
    var scale = Math.max(0.5, Math.min(200, view.scale * factor));
    factor = scale / view.scale;
    view.dx = m[0] - (m[0] - view.dx) * factor;
    view.dy = m[1] - (m[1] - view.dy) * factor;
    view.scale = scale;
    draw();
    showTip(-1);
  }, { passive: false });
  plot.addEventListener('dblclick', function () {
    view = { scale: 1, dx: 0, dy: 0 };
    draw();
  });
  section.querySelectorAll('input.am-toggle').forEach(function (box) { box.addEventListener('change', filter); });
  window.addEventListener('resize', function () { resize(); draw(); });

  section.attackMap = {
    screen: screen,
    visibleCount: function () { var s = 0; for (var i = 0; i < n; i++) { s += visible[i]; } return s; }
  };
  resize();
  filter();
})();
