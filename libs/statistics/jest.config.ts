export default {
  displayName: 'statistics',
  preset: '../../jest.preset.js',
};
