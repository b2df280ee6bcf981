// ActivityWatch's default categories (its "classes" setting), with scores
// and colours, used until the person saves their own.
export const defaultClasses = [
  { id: 1, name: ['Work'], rule: { type: 'regex', regex: 'Google Docs|libreoffice|ReText' }, data: { color: '#2f7d6d', score: 1 } },
  { id: 2, name: ['Work', 'Programming'], rule: { type: 'regex', regex: 'GitHub|Stack Overflow|BitBucket|Gitlab|vim|Spyder|kate|Ghidra|Scite|Code|IDEA|GoLand|Emacs|Terminal|xterm', ignore_case: true }, data: { color: '#3b8f7c', score: 2 } },
  { id: 3, name: ['Work', 'Image'], rule: { type: 'regex', regex: 'GIMP|Inkscape' }, data: { color: '#56a08e' } },
  { id: 4, name: ['Work', 'Video'], rule: { type: 'regex', regex: 'Kdenlive' }, data: { color: '#56a08e' } },
  { id: 5, name: ['Work', '3D'], rule: { type: 'regex', regex: 'Blender' }, data: { color: '#56a08e' } },
  { id: 6, name: ['Media', 'Games'], rule: { type: 'regex', regex: 'Minecraft|RimWorld' }, data: { color: '#c0616b', score: -2 } },
  { id: 7, name: ['Media', 'Video'], rule: { type: 'regex', regex: 'YouTube|Plex|VLC|Bilibili|哔哩哔哩', ignore_case: true }, data: { color: '#d0776a', score: -2 } },
  { id: 8, name: ['Media', 'Social Media'], rule: { type: 'regex', regex: 'reddit|Facebook|Twitter|Instagram|devRant|weibo|微博', ignore_case: true }, data: { color: '#d98c5f', score: -2 } },
  { id: 9, name: ['Media', 'Music'], rule: { type: 'regex', regex: 'Spotify|Deezer', ignore_case: true }, data: { color: '#e0a458', score: 0 } },
  { id: 10, name: ['Comms'], rule: { type: 'regex', regex: 'Slack|Mattermost|Zoom|Teams|Thunderbird|Outlook|Mail|WeChat|微信', ignore_case: true }, data: { color: '#5b7fa6', score: 0 } },
  { id: 11, name: ['Comms', 'IM'], rule: { type: 'regex', regex: 'Messenger|Telegram|Signal|WhatsApp|Rambox|Discord|Element', ignore_case: true }, data: { color: '#7292b8', score: -1 } },
  { id: 12, name: ['Comms', 'Email'], rule: { type: 'regex', regex: 'Gmail|Thunderbird|mutt|alpine' }, data: { color: '#6a8cb0', score: 0 } },
  { id: 13, name: ['Uncategorized'], rule: { type: 'none' }, data: { color: '#b8b2a7', score: 0 } },
];
