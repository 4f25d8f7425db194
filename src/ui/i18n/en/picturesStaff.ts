import type { Catalogue } from '../types';

/** The facilitator's choice of a picture for each theme (src/ui/facilitator/ThemeIconPicker.tsx). */
export const picturesStaff = {
  'fac.icons.legend': 'Picture for theme {n}',
  'fac.icons.hint':
    'Each theme can have a picture, shown beside it on the tablets, so residents who read little can find its ideas.',
  'fac.icons.none': 'No picture',
  'fac.icon.green': 'Parks and green spaces',
  'fac.icon.play': 'Play and sport',
  'fac.icon.streets': 'Streets and roads',
  'fac.icon.safety': 'Safety',
  'fac.icon.youth': 'Young people and learning',
  'fac.icon.older': 'Older people and care',
  'fac.icon.community': 'Community spaces',
  'fac.icon.culture': 'Arts and culture',
  'fac.icon.health': 'Health',
  'fac.icon.environment': 'Environment and recycling',
  'fac.icon.transport': 'Cycling and transport',
  'fac.icon.shops': 'Shops, jobs and local economy',
} satisfies Catalogue;
