import { useState } from 'react';
import { coverArt, type CoverInput } from './cover-art';

function DrawnCover(input: CoverInput) {
  const art = coverArt(input);
  const top = 96;
  return (
    <svg viewBox="0 0 200 300" className="cover-art" aria-hidden="true" focusable="false">
      <rect width="200" height="300" fill={art.background} />
      {art.pattern === 'bands' && (
        <>
          <rect y="20" width="200" height="10" fill={art.accent} />
          <rect y="250" width="200" height="6" fill={art.accent} />
        </>
      )}
      {art.pattern === 'circle' && <circle cx="160" cy="250" r="70" fill={art.accent} opacity="0.35" />}
      {art.pattern === 'stripes' && <path d="M-20 300 L200 80 L200 110 L10 300 Z M40 300 L200 140 L200 160 L60 300 Z" fill={art.accent} opacity="0.45" />}
      {art.pattern === 'frame' && <rect x="10" y="10" width="180" height="280" fill="none" stroke={art.accent} strokeWidth="3" />}
      {art.category && (
        <text x="100" y="58" textAnchor="middle" fill={art.accent} fontSize="11" letterSpacing="2" fontFamily="system-ui, sans-serif">
          {art.category}
        </text>
      )}
      <text x="100" y={top} textAnchor="middle" fill={art.foreground} fontSize={art.titleSize} fontWeight="700" fontFamily="Georgia, 'Times New Roman', serif">
        {art.titleLines.map((line, index) => (
          <tspan key={index} x="100" dy={index === 0 ? 0 : art.titleSize * 1.2}>
            {line}
          </tspan>
        ))}
      </text>
      {art.author && (
        <text x="100" y="232" textAnchor="middle" fill={art.foreground} fontSize="13" fontStyle="italic" fontFamily="Georgia, 'Times New Roman', serif">
          {art.author}
        </text>
      )}
    </svg>
  );
}

/**
 * A book's cover in a box of fixed aspect ratio (2:3), so nothing moves when the image arrives.
 * Without an image, or when it fails to load, a cover is drawn from the title, author and
 * category. Decorative: the title is always written beside it.
 */
export function Cover({ coverUrl, size = 'medium', ...book }: CoverInput & { coverUrl?: string | null | undefined; size?: 'small' | 'medium' | 'large' }) {
  const [failed, setFailed] = useState<string | undefined>();
  const showImage = Boolean(coverUrl) && failed !== coverUrl;
  return (
    <div className={`cover cover-${size}`}>
      {showImage ? <img src={coverUrl!} alt="" loading="lazy" decoding="async" onError={() => setFailed(coverUrl!)} /> : <DrawnCover {...book} />}
    </div>
  );
}
