"""Bar charts drawn with QPainter (QtCharts is not in PySide6-Essentials, which the desk
ships): grouped bars by category — weeks standing up, procedures lying down with their names
beside them — each bar's number written on it where it fits, a legend, and a tooltip with every
number of the category under the pointer. Nothing is told by colour alone.

Colours are from the app's palette, each with at least 3:1 contrast against the white ground
(WCAG 2.1, 1.4.11) and text at least 4.5:1 (1.4.3).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

#: Bar colours (contrast with white): blue 5.2:1, green 5.9:1, red 4.5:1.
BLUE, GREEN, RED = QColor("#1d70b8"), QColor("#00703c"), QColor("#d4351c")
INK = QColor("#0b0c0c")  # text, 19.8:1
QUIET = QColor("#505a5f")  # axis labels and the empty message, 7.0:1
GRID = QColor("#d8dcdf")
BACKGROUND = QColor("#ffffff")


@dataclass(frozen=True)
class Series:
    """One colour of bars: its name in the legend and a value per category."""

    name: str
    color: QColor
    values: tuple[int, ...]


def nice_step(top: int, ticks: int = 5) -> int:
    """A round step (1, 2, 5 × 10ⁿ) giving at most ``ticks`` steps up to ``top``."""
    if top <= ticks:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)


class BarChart(QWidget):
    """Grouped bars: a group per category, a bar per series.

    Args:
        title: drawn above the chart (also its accessible name).
        horizontal: bars lie down, categories (long names) on the left.
    """

    def __init__(self, title: str, *, horizontal: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.horizontal = horizontal
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.empty_text = ""
        self.setAccessibleName(title)
        self.setMinimumSize(320, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self._groups: list[QRectF] = []

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt override
        return QSize(560, 320)

    def set_data(self, categories: Sequence[str], series: Sequence[Series],
                 empty_text: str = "") -> None:
        """What to draw; with no category or every value 0, ``empty_text`` instead."""
        self.categories = list(categories)
        self.series = [s for s in series if len(s.values) == len(self.categories)]
        self.empty_text = empty_text
        lines = [f"{c}: " + ", ".join(f"{s.name} {s.values[i]}" for s in self.series)
                 for i, c in enumerate(self.categories)]
        self.setAccessibleDescription("\n".join(lines) if not self.is_empty() else empty_text)
        self.update()

    def is_empty(self) -> bool:
        return not self.categories or not any(v for s in self.series for v in s.values)

    def top(self) -> int:
        return max((v for s in self.series for v in s.values), default=0)

    # ----------------------------------------------------------------------------- painting
    def _font(self, delta: float = 0, bold: bool = False) -> QFont:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(7.0, font.pointSizeF() + delta))
        font.setBold(bold)
        return font

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 — Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), BACKGROUND)
        title_font = self._font(1, bold=True)
        painter.setFont(title_font)
        painter.setPen(INK)
        title_h = QFontMetricsF(title_font).height()
        painter.drawText(QRectF(8, 4, self.width() - 16, title_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        legend_bottom = self._legend(painter, 4 + title_h + 4)
        area = QRectF(8, legend_bottom + 6, self.width() - 16, self.height() - legend_bottom - 12)
        self._groups = []
        if self.is_empty():
            painter.setFont(self._font())
            painter.setPen(QUIET)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.empty_text)
        elif self.horizontal:
            self._horizontal(painter, area)
        else:
            self._vertical(painter, area)
        painter.end()

    def _legend(self, painter: QPainter, y: float) -> float:
        font = self._font(-1)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        h = metrics.height()
        x = 8.0
        for s in self.series:
            width = h * 0.8 + 6 + metrics.horizontalAdvance(s.name) + 16
            if x + width > self.width() - 8 and x > 8:
                x, y = 8.0, y + h + 2
            painter.fillRect(QRectF(x, y + h * 0.1, h * 0.8, h * 0.8), s.color)
            painter.setPen(INK)
            painter.drawText(QRectF(x + h * 0.8 + 6, y, width, h),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, s.name)
            x += width
        return y + h

    def _vertical(self, painter: QPainter, area: QRectF) -> None:
        font = self._font(-1)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        step = nice_step(self.top())
        ceiling = max(step, math.ceil(self.top() / step) * step)
        axis_w = metrics.horizontalAdvance(str(ceiling)) + 8
        label_h = metrics.height() + 4
        plot = QRectF(area.left() + axis_w, area.top() + metrics.height(),
                      area.width() - axis_w, area.height() - label_h - metrics.height())
        for tick in range(0, ceiling + 1, step):
            y = plot.bottom() - plot.height() * tick / ceiling
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QUIET)
            painter.drawText(QRectF(area.left(), y - metrics.height() / 2, axis_w - 6,
                                    metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             str(tick))
        count = len(self.categories)
        group_w = plot.width() / count
        bar_w = max(2.0, min(28.0, group_w * 0.8 / max(1, len(self.series))))
        # Category labels: every one when they fit, else every n-th.
        widest = max(metrics.horizontalAdvance(c) for c in self.categories) + 6
        every = max(1, math.ceil(widest / group_w))
        for i, category in enumerate(self.categories):
            left = plot.left() + i * group_w
            self._groups.append(QRectF(left, plot.top(), group_w, plot.height() + label_h))
            start = left + (group_w - bar_w * len(self.series)) / 2
            for j, s in enumerate(self.series):
                value = s.values[i]
                h = plot.height() * value / ceiling
                bar = QRectF(start + j * bar_w, plot.bottom() - h, bar_w - 1, h)
                painter.fillRect(bar, s.color)
                text = str(value)
                if value and metrics.horizontalAdvance(text) <= bar_w + 2:
                    painter.setPen(INK)
                    painter.drawText(QRectF(bar.left() - 4, bar.top() - metrics.height(),
                                            bar_w + 8, metrics.height()),
                                     Qt.AlignmentFlag.AlignCenter, text)
            if i % every == 0:
                painter.setPen(INK)
                painter.drawText(QRectF(left - group_w * (every - 1) / 2, plot.bottom() + 2,
                                        group_w * every, label_h),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                                 category)
        painter.setPen(QPen(QUIET, 1))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))

    def _horizontal(self, painter: QPainter, area: QRectF) -> None:
        font = self._font(-1)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        label_w = min(area.width() * 0.42, max(metrics.horizontalAdvance(c)
                                               for c in self.categories) + 10)
        number_w = metrics.horizontalAdvance(str(self.top())) + 8
        plot = QRectF(area.left() + label_w, area.top(), area.width() - label_w - number_w,
                      area.height())
        count = len(self.categories)
        group_h = plot.height() / count
        bar_h = max(2.0, min(18.0, group_h * 0.8 / max(1, len(self.series))))
        top = max(1, self.top())
        for i, category in enumerate(self.categories):
            y = plot.top() + i * group_h
            self._groups.append(QRectF(area.left(), y, area.width(), group_h))
            start = y + (group_h - bar_h * len(self.series)) / 2
            painter.setPen(INK)
            label = metrics.elidedText(category, Qt.TextElideMode.ElideRight, label_w - 10)
            painter.drawText(QRectF(area.left(), y, label_w - 10, group_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            for j, s in enumerate(self.series):
                value = s.values[i]
                w = plot.width() * value / top
                bar = QRectF(plot.left(), start + j * bar_h, w, bar_h - 1)
                painter.fillRect(bar, s.color)
                if bar_h >= metrics.height() * 0.7:
                    painter.setPen(INK)
                    painter.drawText(QRectF(bar.right() + 4, bar.top() - 2, number_w,
                                            bar_h + 4),
                                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                     str(value))
        painter.setPen(QPen(QUIET, 1))
        painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))

    # ----------------------------------------------------------------------------- tooltip
    def category_at(self, point: QPointF) -> int | None:
        """The category under ``point`` (as last painted), or None."""
        return next((i for i, r in enumerate(self._groups) if r.contains(point)), None)

    def event(self, event) -> bool:  # noqa: ANN001 — Qt override
        if isinstance(event, QHelpEvent):
            index = self.category_at(QPointF(event.pos()))
            if index is None:
                QToolTip.hideText()
            else:
                lines = [self.categories[index]] + [f"{s.name}: {s.values[index]}"
                                                    for s in self.series]
                QToolTip.showText(event.globalPos(), "\n".join(lines), self)
            return True
        return super().event(event)
