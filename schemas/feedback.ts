export type Lang = 'zh' | 'en' | 'mixed' | 'other';
