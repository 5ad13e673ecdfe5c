export default {
  displayName: 'planning',
  preset: '../../jest.preset.js',
};
