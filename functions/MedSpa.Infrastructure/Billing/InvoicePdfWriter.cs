using MedSpa.Core.Billing;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace MedSpa.Infrastructure.Billing;

/// <summary>
/// Lays out an invoice or receipt on US Letter pages with PDFsharp: the clinic at the top, the lines, the totals, what
/// was paid and what is owed. The fonts are embedded in this assembly (DejaVu Sans), so a PDF looks the same on any host
/// whatever fonts it has installed, and covers the accents and symbols in names and prices.
/// </summary>
public sealed class InvoicePdfWriter : IInvoicePdfWriter
{
    private const double Margin = 54;
    private const double PageWidth = 612;
    private const double PageHeight = 792;
    private const double Right = PageWidth - Margin;
    private const double AmountWidth = 110;

    private static readonly XFont ClinicFont = Font(16, bold: true);
    private static readonly XFont TitleFont = Font(20, bold: true);
    private static readonly XFont Body = Font(10, bold: false);
    private static readonly XFont Strong = Font(10, bold: true);
    private static readonly XFont Small = Font(8.5, bold: false);
    private static readonly XBrush Ink = XBrushes.Black;
    private static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(0x55, 0x55, 0x55));
    private static readonly XPen Rule = new(XColor.FromArgb(0xCC, 0xCC, 0xCC), 0.75);

    public byte[] Write(InvoiceDocument document)
    {
        using var pdf = new PdfDocument();
        pdf.Info.Title = $"{document.Title} {document.Number} — {document.ClinicName}";
        pdf.Info.Author = document.ClinicName;
        var pen = new Pen(pdf);

        // The clinic on the left; what this is, its number and date on the right.
        pen.Text(document.ClinicName, ClinicFont, Ink, Margin, Right - 200);
        foreach (var line in document.ClinicLines)
        {
            pen.Text(line, Small, Muted, Margin, Right - 200);
        }

        var top = Margin;
        pen.At(top, () =>
        {
            pen.TextRight(document.Title, TitleFont, Ink, Right);
            pen.TextRight(document.Number, Strong, Ink, Right);
            pen.TextRight(document.Date, Body, Muted, Right);
        });

        pen.Gap(18);
        pen.Text("Billed to", Small, Muted, Margin, Right);
        pen.Text(document.PatientName, Strong, Ink, Margin, Right);
        pen.Gap(14);

        // The lines: what was sold, how it was priced, what it comes to after discounts.
        pen.Row("Item", "", "Amount", Small, Muted);
        pen.RuleLine();
        foreach (var line in document.Lines)
        {
            pen.Row(line.Description, line.Detail, line.Amount, Body, Ink);
        }

        pen.RuleLine();
        foreach (var amount in document.Totals)
        {
            pen.Sum(amount);
        }

        if (document.Payments.Count > 0)
        {
            pen.Gap(8);
            foreach (var payment in document.Payments)
            {
                pen.Sum(payment);
            }
        }

        pen.RuleLine();
        pen.Sum(document.Balance);

        if (!string.IsNullOrWhiteSpace(document.Notes))
        {
            pen.Gap(16);
            pen.Text("Notes", Small, Muted, Margin, Right);
            pen.Text(document.Notes, Body, Ink, Margin, Right);
        }

        pen.Gap(24);
        pen.Text($"Thank you for choosing {document.ClinicName}.", Small, Muted, Margin, Right);
        pen.Finish();

        using var stream = new MemoryStream();
        pdf.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static XFont Font(double size, bool bold)
    {
        EmbeddedFonts.Install();
        return new XFont(EmbeddedFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
    }

    /// <summary>Writes down the page from the top, wrapping long text and starting a new page when the last one is full.</summary>
    private sealed class Pen
    {
        private readonly PdfDocument _pdf;
        private XGraphics _gfx = null!;
        private double _y;

        public Pen(PdfDocument pdf)
        {
            _pdf = pdf;
            NewPage();
        }

        public void At(double y, Action write)
        {
            var after = _y;
            _y = y;
            write();
            _y = Math.Max(after, _y);
        }

        public void Gap(double points) => _y += points;

        public void Text(string text, XFont font, XBrush brush, double left, double right)
        {
            foreach (var line in Wrap(text, font, right - left))
            {
                var height = font.GetHeight() + 2;
                Room(height);
                _gfx.DrawString(line, font, brush, new XRect(left, _y, right - left, height), XStringFormats.TopLeft);
                _y += height;
            }
        }

        public void TextRight(string text, XFont font, XBrush brush, double right)
        {
            var height = font.GetHeight() + 2;
            _gfx.DrawString(text, font, brush, new XRect(Margin, _y, right - Margin, height), XStringFormats.TopRight);
            _y += height;
        }

        /// <summary>A line of the invoice: description (wrapped) and its detail beneath, the amount on the right.</summary>
        public void Row(string description, string detail, string amount, XFont font, XBrush brush)
        {
            var width = Right - AmountWidth - Margin - 12;
            var lines = Wrap(description, font, width);
            var detailLines = string.IsNullOrEmpty(detail) ? [] : Wrap(detail, Small, width);
            var height = lines.Count * (font.GetHeight() + 2) + detailLines.Count * (Small.GetHeight() + 2) + 6;
            Room(height);
            var top = _y;
            _gfx.DrawString(amount, font, brush, new XRect(Right - AmountWidth, top + 3, AmountWidth, font.GetHeight()), XStringFormats.TopRight);
            _y += 3;
            foreach (var line in lines)
            {
                _gfx.DrawString(line, font, brush, new XRect(Margin, _y, width, font.GetHeight()), XStringFormats.TopLeft);
                _y += font.GetHeight() + 2;
            }

            foreach (var line in detailLines)
            {
                _gfx.DrawString(line, Small, Muted, new XRect(Margin, _y, width, Small.GetHeight()), XStringFormats.TopLeft);
                _y += Small.GetHeight() + 2;
            }

            _y = top + height;
        }

        /// <summary>A labelled amount in the right-hand block (subtotal, tax, a payment, the balance).</summary>
        public void Sum(InvoiceDocumentAmount amount)
        {
            var font = amount.Strong ? Strong : Body;
            var height = font.GetHeight() + 5;
            Room(height);
            var labelLeft = PageWidth / 2 - 110; // room for "Refunded to gift card, 30 November 2026"
            _gfx.DrawString(Fit(amount.Label, font, Right - AmountWidth - labelLeft), font, amount.Strong ? Ink : Muted, new XRect(labelLeft, _y + 2, Right - AmountWidth - labelLeft, height), XStringFormats.TopLeft);
            _gfx.DrawString(amount.Amount, font, Ink, new XRect(Right - AmountWidth, _y + 2, AmountWidth, height), XStringFormats.TopRight);
            _y += height;
        }

        public void RuleLine()
        {
            Room(6);
            _y += 3;
            _gfx.DrawLine(Rule, Margin, _y, Right, _y);
            _y += 3;
        }

        public void Finish() => _gfx.Dispose();

        private void Room(double height)
        {
            if (_y + height > PageHeight - Margin)
            {
                _gfx.Dispose();
                NewPage();
            }
        }

        private void NewPage()
        {
            var page = _pdf.AddPage();
            page.Size = PageSize.Letter;
            _gfx = XGraphics.FromPdfPage(page);
            _y = Margin;
        }

        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r", "").Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split(' '))
                {
                    var candidate = line.Length == 0 ? word : $"{line} {word}";
                    if (line.Length > 0 && _gfx.MeasureString(candidate, font).Width > width)
                    {
                        lines.Add(line);
                        line = Fit(word, font, width);
                    }
                    else
                    {
                        line = Fit(candidate, font, width);
                    }
                }

                lines.Add(line);
            }

            return lines;
        }

        /// <summary>A single word longer than the column is cut with an ellipsis rather than drawn over its neighbour.</summary>
        private string Fit(string text, XFont font, double width)
        {
            if (_gfx.MeasureString(text, font).Width <= width)
            {
                return text;
            }

            while (text.Length > 1 && _gfx.MeasureString(text + "…", font).Width > width)
            {
                text = text[..^1];
            }

            return text + "…";
        }
    }

    /// <summary>PDFsharp finds fonts through one process-wide resolver; ours serves the two faces embedded in this assembly.</summary>
    private sealed class EmbeddedFonts : IFontResolver
    {
        public const string Family = "DejaVu Sans";
        private static readonly Lock Gate = new();
        private static bool s_installed;

        public static void Install()
        {
            lock (Gate)
            {
                if (!s_installed)
                {
                    GlobalFontSettings.FontResolver ??= new EmbeddedFonts();
                    s_installed = true;
                }
            }
        }

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

        public byte[]? GetFont(string faceName)
        {
            using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream($"MedSpa.Infrastructure.Fonts.{faceName}.ttf")
                ?? throw new InvalidOperationException($"The font {faceName} is not embedded.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
